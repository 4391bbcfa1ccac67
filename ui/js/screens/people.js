// People: the interviewers a page at a time (searched by the core), with their linked
// calendars and when each was read ("Read calendars now"), and the form that adds or
// edits one with their weekly working hours in their own zone.
import { api } from '../api.js';
import { $, el, plural, tid } from '../dom.js';
import { attempt, confirmThen, fieldError, say } from '../feedback.js';
import { register } from '../nav.js';
import { changed, facts, onChange, EVERYTHING, PEOPLE } from '../state.js';
import { debounce, Pager, zoneSuggestions } from '../widgets.js';
import { importCalendar } from './calendar-import.js';

const people = { query: '' };
const pager = new Pager('people', reload);
// The rows last drawn (redrawing them is the slow part of opening People).
let drawn = '';
onChange([PEOPLE], () => { drawn = ''; });
onChange([EVERYTHING], () => pager.reset());

// `params.id`: another screen opened one person (a trainee on Team): they are searched
// for and their form opens, with their training.
async function show(params) {
  await zoneSuggestions();
  if (!$('input', tid('hours-week'))) newPerson();
  if (params?.id) {
    people.query = params.id;
    tid('people-search').value = params.id;
    pager.reset();
  }
  const page = await api.interviewers(people.query, pager.offset);
  render(page);
  const person = params?.id && page.people.find((p) => p.id === params.id);
  if (person) editPerson(person);
}

register('people', show);

function render(page) {
  pager.show(page.people.length, page.matched);
  const key = JSON.stringify(page.people);
  if (key === drawn) return;
  drawn = key;
  $('tbody', tid('people-table')).replaceChildren(...page.people.map((p) => el('tr', { 'data-testid': `person-${p.id}`, 'data-person': p.id },
    el('th', { scope: 'row' }, p.name),
    el('td', {}, `${p.place} · `, el('span', { class: 'clock', text: p.clock })),
    el('td', { text: p.pools.join(', ') || '—' }),
    el('td', { text: `${p.buffer_minutes} min` }),
    el('td', { text: `${p.max_per_day ?? '—'} / ${p.max_per_week ?? '—'}` }),
    el('td', { 'data-testid': `busy-${p.id}`, title: p.calendars.join('\n'), text: String(p.busy_blocks) }),
    el('td', { 'data-testid': `connected-${p.id}` }, p.connected.length ? el('ul', { class: 'plain' }, p.connected.map((c) => el('li', { text: c }))) : '—'),
    el('td', {}, el('div', { class: 'row-actions' }, el('button', {
      type: 'button', 'data-testid': `edit-${p.id}`, 'aria-label': `Edit ${p.name}`,
      onclick: () => editPerson(p), text: 'Edit…',
    }), el('button', {
      type: 'button', 'data-testid': `import-${p.id}`, 'aria-label': `Import the calendar of ${p.name}`,
      onclick: () => importCalendar(p, () => api.importCalendar(p.id), reload), text: 'Import calendar…',
    }))),
  )));
}

// The page again from the core, drawn even if unchanged (after an edit or an import).
async function reload() {
  drawn = '';
  render(await api.interviewers(people.query, pager.offset));
}

// "Read calendars now": every linked calendar read again, with how far it has gone
// (the core's `calendar-progress` events); the rows then show when each was read.
api.onCalendarProgress((p) => {
  tid('people-read-bar').value = p.total ? Math.round((100 * p.done) / p.total) : 0;
  tid('people-read-step').textContent = `Read ${p.done} of ${plural(p.total, 'calendar')}…`;
});

tid('people-read-calendars').addEventListener('click', async () => {
  const button = tid('people-read-calendars');
  button.disabled = true;
  tid('people-read-bar').value = 0;
  tid('people-read-step').textContent = 'Reading calendars…';
  tid('people-read-progress').hidden = false;
  try {
    await attempt(async () => {
      const done = await api.syncCalendars();
      changed(PEOPLE);
      tid('people-read-said').textContent = done.said;
      say(done.said.split('\n')[0]);
      await reload();
    });
  } finally {
    button.disabled = false;
    tid('people-read-progress').hidden = true;
  }
});

tid('people-search').addEventListener('input', debounce((ev) => {
  people.query = ev.target.value;
  pager.reset();
  attempt(reload);
}));

// The week's editor: one line of windows per weekday (labels from the core).
function hoursInputs(hours) {
  const legend = $('legend', tid('hours-week'));
  tid('hours-week').replaceChildren(legend, ...facts.weekdays.map(([day, label]) => el('label', { class: 'day' },
    el('span', { text: label }),
    el('input', { name: `h-${day}`, value: hours[day] || '', 'data-testid': `hours-${day}`, autocomplete: 'off' }),
  )));
}

function newPerson() {
  const form = tid('person-form');
  form.reset();
  form.elements.id.value = '';
  form.elements.buffer.value = facts.default_buffer_minutes;
  form.elements.perday.value = facts.default_max_per_day;
  tid('person-form-title').textContent = 'Add an interviewer';
  tid('add-submit').textContent = 'Add interviewer';
  tid('person-new').hidden = true;
  tid('person-delete').hidden = true;
  hoursInputs(facts.default_hours);
  fieldError('add-error', null);
  tid('person-training').hidden = true;
}

function editPerson(p) {
  const f = tid('person-form').elements;
  f.id.value = p.id;
  f.name.value = p.name;
  f.email.value = p.email;
  f.zone.value = p.zone;
  f.pools.value = p.pools.join(', ');
  f.buffer.value = p.buffer_minutes;
  f.perday.value = p.max_per_day ?? '';
  f.perweek.value = p.max_per_week ?? '';
  hoursInputs(Object.fromEntries(p.hours.map((d) => [d.day, d.text])));
  tid('person-form-title').textContent = `Edit ${p.name}`;
  tid('add-submit').textContent = 'Save changes';
  tid('person-new').hidden = false;
  tid('person-delete').hidden = false;
  fieldError('add-error', null);
  f.name.focus();
  attempt(() => showTraining(p));
}

// The person's training paths: how far along, each interview (mark one held), sign-off.
async function showTraining(p) {
  const tracks = await api.personTraining(p.id);
  const box = tid('person-training');
  box.hidden = tracks.length === 0;
  tid('person-training-list').replaceChildren(...tracks.map((t) => el('div', { class: 'training-track', 'data-testid': `training-${t.pool}` },
    el('p', {},
      el('strong', { text: `Pool ${t.pool}: ` }),
      el('progress', { max: t.path.shadows + t.path.reverse_shadows || 1, value: t.held, 'aria-label': `${t.held} interviews held` }),
      ` ${t.held} of ${t.path.shadows + t.path.reverse_shadows} held · `,
      el('span', { class: `stage-${t.progress.state}`, 'data-testid': `training-state-${t.pool}`, text: t.words })),
    el('ul', {}, ...t.sessions.map((x) => el('li', { 'data-testid': `session-${x.booking}` },
      `${x.when} · ${x.round_name} · ${x.role === 'shadow' ? 'shadowing' : 'reverse shadow'} · ${x.outcome}${x.counts ? ' (counts)' : ''} `,
      x.outcome === 'booked' && !x.counts ? el('button', {
        type: 'button', class: 'link', 'data-testid': `held-${x.booking}`, text: 'Mark held',
        onclick: () => attempt(async () => { await api.markTraineeHeld(x.booking, p.id); changed(PEOPLE); say('Marked held.'); await showTraining(p); }),
      }) : null))),
    t.progress.state === 'awaiting_sign_off' ? el('button', {
      type: 'button', class: 'primary', 'data-testid': `sign-off-${t.pool}`, text: `Sign off for ${t.pool}`,
      onclick: () => attempt(async () => {
        await api.signOffTrainee(p.id, t.pool);
        changed(PEOPLE);
        say(`${p.name} joined pool ${t.pool}.`);
        await reload();
        await showTraining(p);
      }),
    }) : null,
  )));
}

tid('person-new').addEventListener('click', newPerson);

tid('person-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const num = (v) => (v === '' ? null : Number(v));
  const hours = Object.fromEntries(facts.weekdays.map(([day]) => [day, f[`h-${day}`].value]));
  const form = {
    id: f.id.value, name: f.name.value, email: f.email.value, zone: f.zone.value, pools: f.pools.value, hours,
    buffer_minutes: num(f.buffer.value), max_per_day: num(f.perday.value), max_per_week: num(f.perweek.value),
  };
  await attempt(async () => {
    const saved = await api.saveInterviewer(form);
    changed(PEOPLE);
    say(form.id ? `${saved.name} is saved.` : `${saved.name} was added.`);
    people.query = saved.name;
    tid('people-search').value = saved.name;
    pager.reset();
    await reload();
    newPerson();
    f.name.focus();
  }, 'add-error');
});

tid('person-delete').addEventListener('click', () => {
  const f = tid('person-form').elements;
  const id = f.id.value;
  const name = f.name.value;
  confirmThen(`Delete ${name}? Their hours and imported calendars are removed for good.`, `Delete ${name}`, async () => {
    await api.deleteInterviewer(id);
    changed(PEOPLE);
    say(`${name} was deleted.`);
    newPerson();
    await reload();
  });
});

// An .ics file dropped on an interviewer's row imports it as their calendar.
api.onFileDrop((position) => {
  if (tid('screen-people').hidden) { say('Drop calendars on an interviewer\'s row in People.'); return; }
  const x = position.x / window.devicePixelRatio;
  const y = position.y / window.devicePixelRatio;
  const row = document.elementFromPoint(x, y)?.closest('tr[data-person]');
  if (!row) { say('Drop the .ics file on the row of the interviewer it belongs to.'); return; }
  const name = row.querySelector('th').textContent;
  importCalendar({ id: row.dataset.person, name }, () => api.importDroppedCalendar(row.dataset.person), reload);
});
