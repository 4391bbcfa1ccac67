// Settings → Calendars: add an account (a CalDAV server with user and password, or a
// subscription address), see its calendars (name, owner, colour), link them to
// interviewers (the e-mail matches offered first), give a password the keyring could
// not keep, "Test" an account, choose the team's interview calendar (where bookings are
// written), and "Read calendars now". The core does every step; calls that wait on a server run
// off the window's thread, and their errors arrive in words.
import { api } from '../api.js';
import { el, plural, tid } from '../dom.js';
import { attempt, say } from '../feedback.js';
import { changed, PEOPLE } from '../state.js';

let people = [];

export async function showCalendars() {
  draw(await api.calendarAccounts());
}

// How far "Read calendars now" has gone (the core's `calendar-progress` events).
api.onCalendarProgress((p) => {
  if (!tid('calendar-progress').hidden) tid('calendar-progress-text').textContent = `Read ${p.done} of ${plural(p.total, 'calendar')}…`;
});

// While a server is asked: the buttons wait, the progress line says what is happening.
async function working(text, run, field = null) {
  const buttons = [tid('calendar-add'), tid('calendar-sync')];
  buttons.forEach((b) => { b.disabled = true; });
  tid('calendar-progress-text').textContent = text;
  tid('calendar-progress').hidden = false;
  try {
    await attempt(run, field);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    tid('calendar-progress').hidden = true;
  }
}

function said(text) {
  tid('calendar-said').textContent = text;
  say(text.split('\n')[0]);
}

function draw(view) {
  people = view.people;
  tid('calendar-accounts').replaceChildren(...view.accounts.map(account));
}

function account(a) {
  return el('div', { class: 'account', 'data-testid': `account-${a.name}` },
    el('h3', {}, a.name, ' ', el('span', { class: 'hint', text: `${a.url}${a.user ? ` · ${a.user}` : ''} · ${a.listed}` }), ' ',
      el('button', {
        type: 'button', 'data-testid': `account-test-${a.name}`, 'aria-label': `Test ${a.name}`, text: 'Test',
        onclick: () => working(`Asking ${a.name} for its calendars…`, async () => {
          const done = await api.testCalendarAccount(a.name);
          draw(done.view);
          said(done.said);
        }),
      })),
    a.password ? el('p', { class: a.needs_password ? 'warn' : 'hint', 'data-testid': `account-password-${a.name}`, text: `Password: ${a.password}` }) : null,
    a.needs_password ? passwordForm(a) : null,
    el('table', { class: 'grid', 'data-testid': `account-calendars-${a.name}` },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Calendar' }), el('th', { scope: 'col', text: 'Owner' }),
        el('th', { scope: 'col', text: 'Linked to' }), el('th', { scope: 'col', text: 'Last read' }),
        el('th', { scope: 'col' }, el('span', { class: 'sr-only', text: 'Link' })))),
      el('tbody', {}, a.calendars.map((c, i) => calendarRow(a, c, i)))),
    a.calendars.some((c) => c.suggested.length)
      ? el('div', { class: 'actions' }, el('button', {
        type: 'button', 'data-testid': `link-matches-${a.name}`, text: 'Link every e-mail match',
        onclick: () => attempt(async () => { draw(await api.linkCalendarsByEmail(a.name)); changed(PEOPLE); said('Calendars linked to the people whose e-mail owns them.'); }),
      }))
      : null,
  );
}

function passwordForm(a) {
  const input = el('input', { type: 'password', autocomplete: 'current-password', 'data-testid': `account-password-input-${a.name}`, 'aria-label': `Password of ${a.user} for ${a.name}` });
  return el('form', {
    class: 'toolbar',
    onsubmit: (ev) => {
      ev.preventDefault();
      working('Keeping the password…', async () => {
        const done = await api.giveCalendarPassword(a.name, input.value);
        draw(done.view);
        said(done.said);
      });
    },
  }, input, el('button', { type: 'submit', 'data-testid': `account-password-save-${a.name}`, text: 'Use this password' }));
}

function calendarRow(a, c, i) {
  const id = `${a.name}-${i}`;
  const pick = el('select', { 'data-testid': `link-person-${id}`, 'aria-label': `Link ${c.name} to` },
    el('option', { value: '', text: 'Link to…' }),
    ...c.suggested.map((p) => el('option', { value: p.id, text: `${p.name} (e-mail matches)` })),
    ...people.filter((p) => !c.suggested.some((s) => s.id === p.id) && !c.linked.some((l) => l.id === p.id))
      .map((p) => el('option', { value: p.id, text: p.name })));
  if (c.suggested.length) pick.value = c.suggested[0].id;
  return el('tr', { 'data-testid': `calendar-${id}` },
    el('th', { scope: 'row' },
      el('span', { class: 'swatch', style: c.color ? `background:${c.color}` : null, 'aria-hidden': 'true' }),
      ` ${c.name}`, c.busy_only ? el('span', { class: 'hint', text: ' (busy only)' }) : null),
    el('td', { text: c.owner || '—' }),
    el('td', { 'data-testid': `linked-${id}` }, c.linked.length ? c.linked.map((p) => el('span', { class: 'chip' }, p.name, el('button', {
      type: 'button', class: 'link', 'aria-label': `Unlink ${c.name} from ${p.name}`, 'data-testid': `unlink-${id}-${p.id}`, text: '×',
      onclick: () => attempt(async () => { draw(await api.unlinkCalendar(p.id, a.name, c.url)); changed(PEOPLE); said(`${c.name} is no longer ${p.name}'s.`); }),
    }))) : (c.suggested.length ? `matches ${c.suggested.map((p) => p.name).join(', ')}` : '—')),
    el('td', { 'data-testid': `read-${id}`, text: c.read }),
    el('td', {}, c.team
      ? el('span', { class: 'chip', 'data-testid': `team-mark-${id}`, text: 'Bookings are written here' })
      : (a.kind === 'server' ? el('button', {
        type: 'button', 'data-testid': `team-${id}`, text: 'Write bookings here',
        onclick: () => working(`Checking that Rondo can write to ${c.name}…`, async () => {
          const done = await api.setTeamCalendar(a.name, c.url, tid('calendar-mark-cancelled').checked);
          draw(done.view);
          said(done.said);
        }),
      }) : null),
    pick, el('button', {
      type: 'button', 'data-testid': `link-${id}`, text: 'Link',
      onclick: () => attempt(async () => {
        if (!pick.value) { say('Choose who this calendar belongs to.'); pick.focus(); return; }
        const who = people.find((p) => p.id === pick.value);
        draw(await api.linkCalendar(pick.value, a.name, c.url));
        changed(PEOPLE);
        said(`${c.name} is linked to ${who ? who.name : pick.value}: press Read calendars now to read it.`);
      }),
    })),
  );
}

tid('calendar-add-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const form = { name: f.name.value, url: f.url.value, user: f.user.value, password: f.password.value };
  working('Asking the server for its calendars…', async () => {
    const done = await api.addCalendarAccount(form);
    f.password.value = '';
    draw(done.view);
    said(done.said);
  }, 'calendar-error');
});

tid('calendar-sync').addEventListener('click', () => working('Reading calendars…', async () => {
  const done = await api.syncCalendars();
  draw(done.view);
  changed(PEOPLE);
  said(done.said);
}));
