// Rondo's window: screens, forms and the multi-zone timeline. Every time, label and layout
// comes from the core through api.js; this file only puts them on screen and turns
// pointer movements into whole slots. Long lists (10,000 candidates, 500 people) are
// shown a page at a time, filtered by the core.
import { api } from './api.js';
import './about.js';
import { watchOpenedFiles } from './opened.js';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const tid = (id) => $(`[data-testid="${id}"]`);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

// ---- messages -------------------------------------------------------------------------

// A passing word in the corner (announced by screen readers as it changes), gone after a
// while so an old "saved" never sits beside a later screen.
let sayTimer = null;
function say(text) {
  tid('status').textContent = text;
  clearTimeout(sayTimer);
  sayTimer = setTimeout(() => { tid('status').textContent = ''; }, 10000);
}

// Errors are shown in words; a conflict offers to find options again.
function showError(err) {
  if (err && err.code === 'cancelled') return;
  if (err && (err.code === 'already_open' || err.code === 'storage')) { showOpenProblem(err.message); return; }
  tid('error-text').textContent = err && err.message ? err.message : String(err);
  const action = tid('error-action');
  action.hidden = !(err && err.code === 'conflict');
  action.textContent = 'Find options again';
  action.onclick = () => { tid('error').hidden = true; go('schedule').then(findOptions); };
  tid('error').hidden = false;
}

function fieldError(testid, err) {
  const p = tid(testid);
  if (!err) { p.hidden = true; p.textContent = ''; return; }
  if (err.code !== 'bad_input') { p.hidden = true; showError(err); return; }
  p.textContent = err.message;
  p.hidden = false;
}

tid('error-close').addEventListener('click', () => { tid('error').hidden = true; });
tid('notice-close').addEventListener('click', () => { tid('notice').hidden = true; });

function showOpenProblem(message) {
  tid('open-problem-text').textContent = message;
  tid('open-problem').hidden = false;
  $('main').hidden = true;
  for (const b of $$('[data-screen]')) b.disabled = true;
}

// Asks before something that cannot be undone; `yes` names the consequence.
function confirmThen(text, yes, run) {
  const box = tid('confirm');
  tid('confirm-text').textContent = text;
  tid('confirm-yes').textContent = yes;
  box.hidden = false;
  const back = document.activeElement;
  tid('confirm-no').focus();
  const close = () => { box.hidden = true; if (back && back.focus) back.focus(); };
  tid('confirm-no').onclick = close;
  tid('confirm-yes').onclick = async () => { close(); await run(); };
}

// ---- theme ------------------------------------------------------------------------------

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let themeChoice = 'system';

// `theme` is 'light', 'dark' or 'system' (follow the system, also when it changes later).
function setTheme(theme) {
  themeChoice = theme;
  const dark = theme === 'dark' || (theme === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
systemDark.addEventListener('change', () => setTheme(themeChoice));

// ---- navigation -------------------------------------------------------------------------

const screens = {
  pipeline: showPipeline,
  candidate: showCandidate,
  people: showPeople,
  plans: showPlans,
  schedule: showSchedule,
  settings: showSettings,
};

async function go(name) {
  for (const b of $$('[data-screen]')) {
    if (b.dataset.screen === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  const t0 = performance.now();
  for (const p of $$('[data-screen-panel]')) p.hidden = p.dataset.screenPanel !== name;
  try {
    await screens[name]();
  } catch (e) {
    showError(e);
  }
  // How long the switch took (data fetched and drawn); read by the window benchmark.
  document.body.dataset.renderMs = (performance.now() - t0).toFixed(1);
  document.body.dataset.ready = name;
}

for (const b of $$('[data-screen]')) b.addEventListener('click', () => go(b.dataset.screen));

async function refreshHeader() {
  const info = await api.appInfo();
  if (info.problem) { showOpenProblem(info.problem.message); return info; }
  const c = info.counts;
  tid('header-counts').textContent = `${plural(c.candidates, 'candidate')} · ${plural(c.interviewers, 'interviewer')}`;
  if (info.notice) { tid('notice-text').textContent = info.notice; tid('notice').hidden = false; }
  return info;
}

// Fills a <select> of plans (with an empty choice when `none` is given).
let plansCache = null;
async function planOptions(select, chosen, none) {
  if (!plansCache) plansCache = await api.plans();
  select.replaceChildren(
    ...(none ? [el('option', { value: '', text: none })] : []),
    ...plansCache.map((p) => el('option', { value: p.id, text: `${p.job || 'No job'} — ${p.name}` })),
  );
  select.value = chosen || '';
}

let zonesLoaded = false;
async function loadZones() {
  if (zonesLoaded) return;
  const zones = await api.zoneNames();
  $('#zones').replaceChildren(...zones.map((z) => el('option', { value: z })));
  zonesLoaded = true;
}

// ---- pipeline ---------------------------------------------------------------------------

const pipe = { query: '', waiting: '', offset: 0, page: null };
const STAGES = { applied: 'Applied', interviewing: 'Interviewing', offer: 'Offer', hired: 'Hired', closed: 'Closed' };

async function showPipeline() {
  const page = await api.pipeline(pipe.query, pipe.waiting, pipe.offset);
  pipe.page = page;
  const body = $('tbody', tid('pipeline-table'));
  const rows = [];
  let group = null;
  for (const r of page.rows) {
    const g = `${r.job || 'No plan'} · ${STAGES[r.stage]}`;
    if (g !== group) {
      group = g;
      rows.push(el('tr', { class: 'group' }, el('th', { scope: 'colgroup', colspan: '5', text: g })));
    }
    rows.push(el('tr', { 'data-testid': `candidate-${r.id}` },
      el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', 'data-testid': `open-${r.id}`, onclick: () => openCandidate(r.id), text: r.name })),
      el('td', { text: r.place }),
      el('td', {}, el('span', { class: `badge ${r.waiting}`, text: r.waiting_text })),
      el('td', { text: r.next || '—' }),
      el('td', {}, el('button', { type: 'button', 'data-testid': `schedule-${r.id}`, 'aria-label': `Schedule ${r.name}`, onclick: () => scheduleCandidate(r.id), text: 'Schedule…' })),
    ));
  }
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '5', text: page.total ? 'No candidate matches.' : 'No candidates yet: add one.' })));
  body.replaceChildren(...rows);
  const end = Math.min(pipe.offset + page.rows.length, page.matched);
  tid('pipeline-range').textContent = page.matched ? `${pipe.offset + 1}–${end} of ${page.matched}` : '0 of 0';
  tid('pipeline-prev').disabled = pipe.offset === 0;
  tid('pipeline-next').disabled = end >= page.matched;
  tid('filter-send').textContent = `To send (${page.to_send})`;
  tid('filter-confirm').textContent = `To confirm (${page.to_confirm})`;
  tid('filter-schedule').textContent = `To schedule (${page.to_schedule})`;
}

let searchTimer = null;
tid('pipeline-search').addEventListener('input', (ev) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { pipe.query = ev.target.value; pipe.offset = 0; showPipeline().catch(showError); }, 150);
});
for (const b of $$('[data-waiting]', tid('pipeline-filters'))) {
  b.addEventListener('click', () => {
    pipe.waiting = b.dataset.waiting;
    pipe.offset = 0;
    for (const x of $$('[data-waiting]', tid('pipeline-filters'))) x.setAttribute('aria-pressed', String(x === b));
    showPipeline().catch(showError);
  });
}
tid('pipeline-prev').addEventListener('click', () => { pipe.offset = Math.max(0, pipe.offset - 50); showPipeline().catch(showError); });
tid('pipeline-next').addEventListener('click', () => { pipe.offset += 50; showPipeline().catch(showError); });
tid('add-candidate').addEventListener('click', () => openCandidate(null));

// ---- candidate --------------------------------------------------------------------------

let currentCandidate = null;

async function openCandidate(id) {
  currentCandidate = id;
  await go('candidate');
}

async function showCandidate() {
  await loadZones();
  const f = tid('candidate-form').elements;
  fieldError('cand-error', null);
  tid('candidate-sent').hidden = true;
  if (!currentCandidate) {
    tid('candidate-title').textContent = 'A new candidate';
    tid('candidate-form').reset();
    f.id.value = '';
    await planOptions(f.plan, '', 'No plan yet');
    tid('candidate-bookings').hidden = true;
    tid('cand-delete').hidden = true;
    tid('candidate-schedule').hidden = true;
    f.name.focus();
    return;
  }
  const d = await api.candidate(currentCandidate);
  tid('candidate-title').textContent = d.form.name;
  f.id.value = d.form.id;
  f.name.value = d.form.name;
  f.email.value = d.form.email;
  f.zone.value = d.form.zone;
  await planOptions(f.plan, d.form.plan, 'No plan yet');
  f.stage.value = d.form.stage;
  f.available.value = d.form.available;
  f.maxday.value = d.form.max_minutes_per_day ?? '';
  f.notes.value = d.form.notes;
  tid('candidate-bookings').hidden = false;
  tid('cand-delete').hidden = false;
  tid('candidate-schedule').hidden = false;
  tid('candidate-place').textContent = `${d.place}. Times below: the candidate's first, then each interviewer's.`;
  renderBookings(d.bookings);
}

function renderBookings(list) {
  tid('booking-list').replaceChildren(...(list.length ? list.map((b) => el('li', { 'data-testid': `booking-${b.round_id}`, 'data-start': b.start, 'data-end': b.end },
    el('strong', { text: b.round }), ' — ', b.when, ' ',
    el('span', { class: `badge ${b.status}`, 'data-testid': `status-${b.round_id}`, text: b.status }),
    el('span', { class: 'hint', text: b.sent ? ` · invites written (sequence ${b.sequence})` : ' · invites to send' }),
    el('div', { class: 'row-actions' },
      b.status === 'proposed' ? el('button', { type: 'button', 'data-testid': `held-${b.round_id}`, onclick: () => setStatus(b, 'held'), text: 'Mark held' }) : null,
      b.status !== 'confirmed' ? el('button', { type: 'button', 'data-testid': `confirm-${b.round_id}`, onclick: () => setStatus(b, 'confirmed'), text: 'Mark confirmed' }) : null,
      el('label', { class: 'inline' }, 'Move to ', el('input', { type: 'date', 'aria-label': `New date of ${b.round} (candidate's zone)`, 'data-testid': `move-date-${b.round_id}` })),
      el('input', { type: 'time', step: '900', 'aria-label': `New time of ${b.round} (candidate's zone)`, 'data-testid': `move-time-${b.round_id}` }),
      el('button', { type: 'button', 'data-testid': `move-${b.round_id}`, onclick: (ev) => reschedule(b, ev.target.parentElement), text: 'Move and send update' }),
    ),
  )) : [el('li', { text: 'No interviews booked.' })]));
  tid('cancel-interviews').disabled = !list.length;
  tid('write-invites').disabled = !list.some((b) => !b.sent);
}

async function setStatus(b, status) {
  try {
    renderBookings(await api.setInterviewStatus(b.id, status));
    say(`${b.round} is ${status}.`);
  } catch (e) { showError(e); }
}

async function reschedule(b, box) {
  const date = $('input[type=date]', box).value;
  const time = $('input[type=time]', box).value;
  try {
    const sent = await api.rescheduleInterview(b.id, date, time);
    showSent(tid('candidate-sent'), sent, `${b.round} moved; the update is written.`);
    await showCandidate();
    tid('candidate-sent').hidden = false;
  } catch (e) { showError(e); }
}

function showSent(card, sent, what) {
  card.hidden = false;
  card.replaceChildren(
    el('p', { 'data-testid': `${card.dataset.testid}-text` }, el('strong', { text: what }), ` ${sent.files.length} files written to ${sent.folder} (sequence ${sent.sequence}):`),
    el('ul', { class: 'files' }, sent.files.map((f) => el('li', { text: f }))),
  );
}

tid('candidate-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const form = {
    id: f.id.value, name: f.name.value, email: f.email.value, zone: f.zone.value, plan: f.plan.value,
    stage: f.stage.value, available: f.available.value,
    max_minutes_per_day: f.maxday.value === '' ? null : Number(f.maxday.value), notes: f.notes.value,
  };
  try {
    const d = await api.saveCandidate(form);
    currentCandidate = d.form.id;
    say(`${d.form.name} is saved.`);
    await showCandidate();
  } catch (e) { fieldError('cand-error', e); }
});

tid('cand-delete').addEventListener('click', () => {
  const name = tid('cand-name').value;
  confirmThen(`Delete ${name}? Their details and notes are removed for good.`, `Delete ${name}`, async () => {
    try {
      await api.deleteCandidate(currentCandidate);
      say(`${name} was deleted.`);
      await go('pipeline');
    } catch (e) { showError(e); }
  });
});

tid('candidate-back').addEventListener('click', () => go('pipeline'));
tid('candidate-schedule').addEventListener('click', () => scheduleCandidate(currentCandidate));

tid('cancel-interviews').addEventListener('click', () => {
  const n = $$('li[data-start]', tid('booking-list')).length;
  confirmThen(`Cancel ${plural(n, 'interview')}? ${plural(n * 2, 'invite')} will be cancelled (the candidate's and the panel's).`, `Cancel ${plural(n, 'interview')}`, async () => {
    try {
      const sent = await api.cancelInterviews(currentCandidate);
      await showCandidate();
      showSent(tid('candidate-sent'), sent, `${plural(sent.bookings.length, 'interview')} cancelled; the cancellations are written.`);
      say('Cancelled; the cancellations are written.');
    } catch (e) { showError(e); }
  });
});

tid('write-invites').addEventListener('click', async () => {
  try {
    const sent = await api.writeInvites(currentCandidate);
    await showCandidate();
    showSent(tid('candidate-sent'), sent, 'Invites written.');
  } catch (e) { showError(e); }
});

// ---- people -----------------------------------------------------------------------------

const people = { query: '', offset: 0, shown: new Map() };
const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

async function showPeople() {
  await loadZones();
  if (!$('input', tid('hours-week'))) newPerson();
  renderPeople(await api.interviewers(people.query, people.offset));
}

let drawnPeople = '';

function renderPeople(page) {
  people.shown = new Map(page.people.map((p) => [p.id, p]));
  const end = Math.min(people.offset + page.people.length, page.matched);
  tid('people-range').textContent = page.matched ? `${people.offset + 1}–${end} of ${page.matched}` : '0 of 0';
  tid('people-prev').disabled = people.offset === 0;
  tid('people-next').disabled = end >= page.matched;
  // Redrawing the rows is the slow part of opening People: skip it when unchanged.
  const key = JSON.stringify(page.people);
  if (key === drawnPeople) return;
  drawnPeople = key;
  const body = $('tbody', tid('people-table'));
  body.replaceChildren(...page.people.map((p) => el('tr', { 'data-testid': `person-${p.id}`, 'data-person': p.id },
    el('th', { scope: 'row' }, p.name),
    el('td', {}, `${p.place} · `, el('span', { class: 'clock', text: p.clock })),
    el('td', { text: p.pools.join(', ') || '—' }),
    el('td', { text: `${p.buffer_minutes} min` }),
    el('td', { text: `${p.max_per_day ?? '—'} / ${p.max_per_week ?? '—'}` }),
    el('td', { 'data-testid': `busy-${p.id}`, title: p.calendars.join('\n'), text: String(p.busy_blocks) }),
    el('td', {}, el('div', { class: 'row-actions' }, el('button', {
      type: 'button', 'data-testid': `edit-${p.id}`, 'aria-label': `Edit ${p.name}`,
      onclick: () => editPerson(p), text: 'Edit…',
    }), el('button', {
      type: 'button', 'data-testid': `import-${p.id}`, 'aria-label': `Import the calendar of ${p.name}`,
      onclick: () => importCalendar(p, () => api.importCalendar(p.id)), text: 'Import calendar…',
    }))),
  )));
}

async function reloadPeople() {
  drawnPeople = '';
  renderPeople(await api.interviewers(people.query, people.offset));
}

let peopleTimer = null;
tid('people-search').addEventListener('input', (ev) => {
  clearTimeout(peopleTimer);
  peopleTimer = setTimeout(() => { people.query = ev.target.value; people.offset = 0; reloadPeople().catch(showError); }, 150);
});
tid('people-prev').addEventListener('click', () => { people.offset = Math.max(0, people.offset - 50); reloadPeople().catch(showError); });
tid('people-next').addEventListener('click', () => { people.offset += 50; reloadPeople().catch(showError); });

function hoursInputs(hours) {
  const legend = $('legend', tid('hours-week'));
  tid('hours-week').replaceChildren(legend, ...DAYS.map(([day, label]) => el('label', { class: 'day' },
    el('span', { text: label }),
    el('input', { name: `h-${day}`, value: hours[day] || '', 'data-testid': `hours-${day}`, autocomplete: 'off' }),
  )));
}

function newPerson() {
  const form = tid('person-form');
  form.reset();
  form.elements.id.value = '';
  tid('person-form-title').textContent = 'Add an interviewer';
  tid('add-submit').textContent = 'Add interviewer';
  tid('person-new').hidden = true;
  tid('person-delete').hidden = true;
  hoursInputs({ mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' });
  fieldError('add-error', null);
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
}

tid('person-new').addEventListener('click', newPerson);

tid('person-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const num = (v) => (v === '' ? null : Number(v));
  const hours = {};
  for (const [day] of DAYS) hours[day] = f[`h-${day}`].value;
  const form = {
    id: f.id.value, name: f.name.value, email: f.email.value, zone: f.zone.value, pools: f.pools.value, hours,
    buffer_minutes: num(f.buffer.value), max_per_day: num(f.perday.value), max_per_week: num(f.perweek.value),
  };
  try {
    const saved = await api.saveInterviewer(form);
    fieldError('add-error', null);
    say(form.id ? `${saved.name} is saved.` : `${saved.name} was added.`);
    plansCache = null;
    people.query = saved.name;
    tid('people-search').value = saved.name;
    people.offset = 0;
    await reloadPeople();
    newPerson();
    f.name.focus();
  } catch (e) {
    fieldError('add-error', e);
  }
});

tid('person-delete').addEventListener('click', () => {
  const f = tid('person-form').elements;
  const id = f.id.value;
  const name = f.name.value;
  confirmThen(`Delete ${name}? Their hours and imported calendars are removed for good.`, `Delete ${name}`, async () => {
    try {
      await api.deleteInterviewer(id);
      say(`${name} was deleted.`);
      newPerson();
      await reloadPeople();
    } catch (e) { showError(e); }
  });
});

// ---- calendar import (button or drop), with progress and a summary ----

async function importCalendar(person, run) {
  const panel = tid('import-panel');
  panel.hidden = false;
  tid('import-summary').replaceChildren();
  tid('import-bar').value = 0;
  tid('import-step').textContent = `Importing the calendar of ${person.name}…`;
  try {
    const s = await run();
    tid('import-bar').value = 100;
    tid('import-step').textContent = `Calendar of ${s.name} imported from ${s.file} (as their calendar “${s.source}”).`;
    tid('import-summary').replaceChildren(...[
      el('p', { 'data-testid': 'import-counts', text: `${s.events} events read, ${s.occurrences} occurrences from ${s.dates}, ${s.busy_hours} busy hours in ${s.busy_blocks} blocks.` }),
      s.skipped.length ? el('p', { text: `${plural(s.skipped.length, 'event')} skipped:` }) : null,
      s.skipped.length ? el('ul', { 'data-testid': 'import-skipped' }, s.skipped.map((k) => el('li', { text: k }))) : null,
      s.warnings.length ? el('p', { text: `Imported with ${plural(s.warnings.length, 'caveat')}:` }) : null,
      s.warnings.length ? el('ul', { class: 'hint' }, s.warnings.map((k) => el('li', { text: k }))) : null,
    ].filter(Boolean));
    await reloadPeople();
    say(`Calendar of ${s.name} imported.`);
  } catch (e) {
    if (e.code === 'cancelled') { panel.hidden = true; return; }
    tid('import-step').textContent = 'The calendar was not imported.';
    tid('import-summary').replaceChildren(el('p', { class: 'field-error', 'data-testid': 'import-error', text: e.message }));
  }
}

api.onImportProgress((p) => {
  tid('import-bar').value = p.percent;
  tid('import-step').textContent = p.step;
});

api.onFileDrop((position) => {
  if (tid('screen-people').hidden) { say('Drop calendars on an interviewer\'s row in People.'); return; }
  const x = position.x / window.devicePixelRatio;
  const y = position.y / window.devicePixelRatio;
  const row = document.elementFromPoint(x, y)?.closest('tr[data-person]');
  if (!row) { say('Drop the .ics file on the row of the interviewer it belongs to.'); return; }
  const name = row.querySelector('th').textContent;
  importCalendar({ id: row.dataset.person, name }, () => api.importDroppedCalendar(row.dataset.person));
});

// ---- plans ------------------------------------------------------------------------------

const plansState = { chosen: null, form: null };

async function showPlans() {
  if (!$('option', tid('plan-template'))) {
    const t = await api.planTemplates();
    tid('plan-template').replaceChildren(...t.map(([id, name]) => el('option', { value: id, text: name })));
  }
  plansCache = await api.plans();
  renderPlans();
}

function renderPlans() {
  const sel = tid('plan-select');
  sel.replaceChildren(...plansCache.map((p) => el('option', { value: p.id, text: `${p.job || 'No job'} — ${p.name}` })));
  if (!plansCache.some((p) => p.id === plansState.chosen)) plansState.chosen = plansCache.length ? plansCache[0].id : null;
  sel.value = plansState.chosen || '';
  const plan = plansCache.find((p) => p.id === plansState.chosen);
  tid('plan-form').hidden = !plan;
  if (plan) editPlan(structuredClone(plan));
}

function editPlan(plan) {
  plansState.form = plan;
  const f = tid('plan-form').elements;
  f.name.value = plan.name;
  f.job.value = plan.job;
  f.sameday.value = plan.same_day;
  tid('plan-candidates').textContent = `${plural(plan.candidates, 'candidate')} in this plan.`;
  fieldError('plan-error', null);
  $('tbody', tid('plan-table')).replaceChildren(...plan.rounds.map((r, i) => el('tr', { 'data-testid': `round-row-${r.id || i}` },
    el('td', { text: String(i + 1) }),
    el('td', {}, el('input', { value: r.name, 'aria-label': `Name of round ${i + 1}`, 'data-field': 'name', 'data-testid': `round-name-${i}` })),
    el('td', {}, el('input', { value: r.id, class: 'narrow', 'aria-label': `Id of round ${i + 1} (used in After and Same day)`, 'data-field': 'id', 'data-testid': `round-id-${i}` })),
    el('td', {}, el('input', { type: 'number', min: '5', step: '5', value: String(r.duration_minutes), class: 'narrow', 'aria-label': `Length of round ${i + 1} in minutes`, 'data-field': 'duration_minutes', 'data-testid': `duration-${r.id || i}` })),
    el('td', {}, el('input', { value: r.needs, 'aria-label': `Who round ${i + 1} needs`, 'data-field': 'needs', 'data-testid': `needs-${i}` })),
    el('td', {}, el('input', { value: r.after, 'aria-label': `Rounds that come before round ${i + 1}`, 'data-field': 'after', 'data-testid': `after-${i}` })),
    el('td', {}, el('button', { type: 'button', 'aria-label': `Remove round ${i + 1}, ${r.name}`, 'data-testid': `remove-round-${r.id || i}`, onclick: () => { readPlan(); plansState.form.rounds.splice(i, 1); editPlan(plansState.form); }, text: 'Remove' })),
  )));
}

// The form's current values into plansState.form.
function readPlan() {
  const f = tid('plan-form').elements;
  const p = plansState.form;
  p.name = f.name.value;
  p.job = f.job.value;
  p.same_day = f.sameday.value;
  for (const [i, tr] of $$('tbody tr', tid('plan-table')).entries()) {
    for (const input of $$('input[data-field]', tr)) {
      const k = input.dataset.field;
      p.rounds[i][k] = k === 'duration_minutes' ? Number(input.value) : input.value;
    }
  }
  return p;
}

tid('plan-select').addEventListener('change', (ev) => { plansState.chosen = ev.target.value; renderPlans(); });
tid('plan-add-round').addEventListener('click', () => {
  readPlan();
  plansState.form.rounds.push({ id: '', name: '', duration_minutes: 60, needs: '', after: '' });
  editPlan(plansState.form);
  $(`[data-testid="round-name-${plansState.form.rounds.length - 1}"]`).focus();
});
tid('plan-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    plansCache = await api.savePlan(readPlan());
    renderPlans();
    say('The plan is saved.');
  } catch (e) { fieldError('plan-error', e); }
});
tid('plan-create').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  try {
    const before = new Set(plansCache.map((p) => p.id));
    plansCache = await api.createPlan(f.template.value, f.job.value);
    const made = plansCache.find((p) => !before.has(p.id));
    if (made) plansState.chosen = made.id;
    renderPlans();
    say(`A new plan for ${f.job.value} is ready to edit.`);
  } catch (e) { showError(e); }
});
tid('plan-delete').addEventListener('click', () => {
  const p = plansState.form;
  confirmThen(`Delete the plan ${p.name}? Its rounds are removed for good.`, `Delete ${p.name}`, async () => {
    try {
      plansCache = await api.deletePlan(p.id);
      plansState.chosen = null;
      renderPlans();
      say('The plan was deleted.');
    } catch (e) { showError(e); }
  });
});

// ---- schedule ---------------------------------------------------------------------------

const sched = { candidate: null, formFor: null, option: 0, day: null, view: null };

async function scheduleCandidate(id) {
  sched.candidate = id;
  await go('schedule');
}

async function showSchedule() {
  const planSel = tid('schedule-plan');
  if (sched.candidate && sched.formFor !== sched.candidate) {
    const f = await api.scheduleForm(sched.candidate);
    sched.formFor = sched.candidate;
    tid('schedule-candidate').textContent = f.name;
    tid('schedule-place').textContent = f.place;
    await planOptions(planSel, f.plan, null);
    tid('schedule-from').value = f.from;
    tid('schedule-to').value = f.to;
    tid('schedule-picks').replaceChildren();
  } else if (!planSel.options.length) {
    await planOptions(planSel, '', null);
  }
  const answer = await api.currentAnswer();
  if (answer && answer.candidate === sched.candidate) await renderAnswer(answer);
  else { tid('schedule-body').hidden = true; tid('infeasible').hidden = true; }
}

let pickTimer = null;
tid('schedule-search').addEventListener('input', (ev) => {
  clearTimeout(pickTimer);
  pickTimer = setTimeout(async () => {
    const q = ev.target.value.trim();
    if (!q) { tid('schedule-picks').replaceChildren(); return; }
    try {
      const page = await api.pipeline(q, null, 0);
      tid('schedule-picks').replaceChildren(...page.rows.slice(0, 8).map((r) => el('button', {
        type: 'button', 'data-testid': `pick-${r.id}`,
        onclick: () => { ev.target.value = ''; scheduleCandidate(r.id); }, text: `${r.name} · ${r.place}`,
      })));
    } catch (e) { showError(e); }
  }, 150);
});

tid('schedule-form').addEventListener('submit', (ev) => { ev.preventDefault(); findOptions(); });

async function busy(run) {
  const button = tid('find-options');
  button.disabled = true;
  tid('solve-progress').hidden = false;
  try { await run(); } catch (e) { showError(e); } finally {
    button.disabled = false;
    tid('solve-progress').hidden = true;
  }
}

async function findOptions() {
  if (!sched.candidate) { say('Choose a candidate first: search above, or press Schedule in the Pipeline.'); tid('schedule-search').focus(); return; }
  say('Searching for the best times…');
  await busy(async () => {
    const answer = await api.findOptions({
      candidate: sched.candidate, plan: tid('schedule-plan').value,
      from: tid('schedule-from').value, to: tid('schedule-to').value,
    });
    sched.option = 0;
    sched.day = null;
    tid('sent').hidden = true;
    await renderAnswer(answer);
    say(answer.scheduled ? `${plural(answer.options.length, 'option')} found, best first.` : 'No schedule fits; see why below.');
  });
}

async function acceptRelaxation(r) {
  await busy(async () => {
    const done = await api.acceptRelaxation(r.index);
    sched.option = 0;
    sched.day = null;
    plansCache = null;
    await renderAnswer(done.answer);
    say(`Changed ${done.changed}. ${done.answer.scheduled ? `${plural(done.answer.options.length, 'option')} found.` : 'Still no schedule fits.'}`);
  });
}

async function renderAnswer(answer) {
  tid('infeasible').hidden = answer.scheduled;
  tid('schedule-body').hidden = !answer.scheduled;
  if (!answer.scheduled) {
    tid('blockers').replaceChildren(...answer.blockers.map((b) => el('li', { text: b })));
    tid('relaxations').replaceChildren(...answer.relaxations.map((r) => el('button', {
      type: 'button', class: 'relaxation', 'data-testid': `relaxation-${r.index}`, text: r.message,
      onclick: () => acceptRelaxation(r),
    })));
    return;
  }
  renderOptions(answer.options);
  await pick(Math.min(sched.option, answer.options.length - 1), sched.day);
}

function renderOptions(options) {
  tid('options').replaceChildren(...options.map((o, i) => el('button', {
    type: 'button', role: 'tab', class: 'option', 'data-testid': `option-${i + 1}`,
    'aria-selected': String(i === sched.option), onclick: () => pick(i, null),
  },
  el('span', { class: 'rank', text: `${o.rank}` }),
  el('span', { class: 'finish' }, `Done ${o.finish}`),
  el('span', { class: 'score', text: `${o.score}%` }),
  el('span', { class: o.holds ? 'holds' : 'broken', text: o.holds ? '✓ holds' : '✕ breaks a rule' }),
  el('ul', { class: 'reasons' }, o.reasons.map((r) => el('li', { text: r }))),
  )));
}

async function pick(option, day) {
  sched.option = option;
  for (const [i, b] of $$('[role="tab"]', tid('options')).entries()) b.setAttribute('aria-selected', String(i === option));
  renderView(await api.showOption(option, day));
}

function renderView(view, focusRound) {
  sched.view = view;
  sched.day = view.day;
  const broken = [...view.timeline.rounds.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`)), ...view.timeline.problems];
  const verdict = tid('verdict');
  verdict.className = `verdict ${view.holds ? 'ok' : 'bad'}`;
  verdict.replaceChildren(...[
    el('strong', { 'data-testid': 'verdict-text', text: view.holds ? '✓ This option holds: every rule is met.' : '✕ This option breaks a rule:' }),
    view.holds ? null : el('ul', {}, broken.map((b) => el('li', { text: b }))),
  ].filter(Boolean));
  tid('days').replaceChildren(...view.days.map((d, i) => el('button', {
    type: 'button', role: 'tab', 'aria-selected': String(i === view.day), 'data-testid': `day-${i}`,
    onclick: async () => renderView(await api.showOption(view.option, i)),
  }, `${d.label} in ${view.timeline.rows[0].city} · ${plural(d.rounds, 'round')}`)));
  drawTimeline(view.timeline);
  tid('round-list').replaceChildren(...view.rounds.map((r) => el('li', {},
    el('span', { 'data-testid': `when-${r.round}`, 'data-start': r.start, 'data-end': r.end },
      el('strong', { text: r.name }), ' — ', r.when),
    el('span', { class: 'seats' }, r.people.map((p) => el('button', {
      type: 'button', class: 'link', 'data-testid': `swap-${r.round}-${p.id}`,
      'aria-label': `Swap ${p.name} in ${r.name} for someone else`,
      onclick: (ev) => showSwap(r, p, ev.target.closest('li')), text: `⇄ ${p.name}`,
    }))))));
  const booked = view.booked !== null;
  tid('book').textContent = booked ? `Option ${view.option + 1} is booked` : `Book option ${view.option + 1} and write invites…`;
  tid('book').disabled = booked;
  tid('send-update').hidden = !booked;
  tid('open-candidate').hidden = !booked;
  if (focusRound) {
    const b = tid(`round-${focusRound}`);
    if (b) b.focus();
  }
  // Option summary badges follow manual moves.
  api.currentAnswer().then((a) => { if (a && a.options.length) renderOptions(a.options); }).catch(showError);
}

// Swap: the people who could take a seat with the option still valid, best first.
async function showSwap(round, person, li) {
  for (const old of $$('.swap', tid('round-list'))) old.remove();
  try {
    const choices = await api.swapChoices(sched.option, round.round, person.id);
    const box = el('div', { class: 'swap', 'data-testid': 'swap-choices', role: 'group', 'aria-label': `Replace ${person.name} in ${round.name}` },
      choices.length ? `Replace ${person.name} with:` : 'No one else from the pool is free then.',
      choices.map((c) => el('button', {
        type: 'button', 'data-testid': `swap-to-${c.id}`,
        onclick: async () => {
          try {
            renderView(await api.swapInterviewer(sched.option, round.round, person.id, c.id));
            say(`${c.name} replaces ${person.name} in ${round.name}.`);
          } catch (e) { showError(e); }
        },
      }, `${c.name}${c.booked ? ` (${c.booked} booked)` : ''}`)));
    li.append(box);
    const first = $('button', box);
    if (first) first.focus();
  } catch (e) { showError(e); }
}

const pct = (minutes, total) => `${(100 * minutes) / total}%`;
// The axis scale: a 24-hour day is about 2,200 px wide and scrolls sideways.
const PX_PER_MINUTE = 1.5;

function place(node, span, total) {
  node.style.left = pct(span.start, total);
  node.style.width = pct(span.end - span.start, total);
  return node;
}

function drawTimeline(t) {
  const total = t.minutes;
  const rows = t.rows.map((row, ri) => {
    const track = el('div', { class: 'track' });
    track.style.width = `${total * PX_PER_MINUTE}px`;
    for (const s of row.working) track.append(place(el('div', { class: 'working' }), s, total));
    for (const s of row.busy) track.append(place(el('div', { class: 'busy' }), s, total));
    for (const s of row.booked) track.append(place(el('div', { class: 'booked' }), s, total));
    for (const k of row.ticks) {
      const tick = el('div', { class: `tick${k.major ? ' major' : ''}` }, k.major ? el('span', { text: k.label }) : null);
      tick.style.left = pct(k.at, total);
      track.append(tick);
    }
    for (const m of row.midnights) {
      const mark = el('div', { class: 'midnight' }, el('span', { text: m.label }));
      mark.style.left = pct(m.at, total);
      track.append(mark);
    }
    for (const m of row.dst_changes) {
      const mark = el('div', { class: 'dst', title: m.label }, el('span', { text: `⇆ ${m.label}` }));
      mark.style.left = pct(m.at, total);
      track.append(mark);
    }
    for (const r of t.rounds.filter((b) => b.rows.includes(ri))) {
      const primary = ri === 0;
      const block = el('div', {
        class: `block${r.problems.length ? ' bad' : ''}`,
        'data-round': r.round,
        'data-testid': primary ? `round-${r.round}` : null,
        tabindex: primary ? '0' : null,
        role: primary ? 'button' : null,
        'aria-hidden': primary ? null : 'true',
        'aria-label': primary ? `${r.name}, ${r.when}.${r.problems.length ? ` Breaks: ${r.problems.join(' ')}` : ' Holds.'} Left or right arrow moves it.` : null,
        title: `${r.name}\n${r.when}${r.problems.length ? `\n✕ ${r.problems.join('\n✕ ')}` : ''}`,
      }, el('span', { text: `${r.problems.length ? '✕ ' : ''}${r.name}` }));
      if (r.buffer_minutes && !primary) {
        const b = r.buffer_minutes;
        track.append(place(el('div', { class: 'buffer' }), { start: r.span.start - b, end: r.span.end + b }, total));
      }
      track.append(place(block, r.span, total));
    }
    const label = el('div', { class: 'who' },
      el('strong', { text: row.name }),
      el('span', { class: 'role', text: row.role === 'candidate' ? 'candidate' : 'interviewer' }),
      el('span', { class: 'zone', text: `${row.city} · ${row.offset}` }),
      el('span', { class: 'clock', text: `${row.clock} at the left edge` }));
    return el('div', { class: `tl-row ${row.role}`, 'data-testid': `row-${row.id}` }, label, track);
  });
  tid('timeline').replaceChildren(...rows);
  // Scroll so that the day's first round is in view, an hour of context before it.
  const first = t.rounds.length ? Math.min(...t.rounds.map((r) => r.span.start)) : 0;
  const wrap = tid('timeline').parentElement;
  wrap.scrollLeft = Math.max(0, (first - 60) * PX_PER_MINUTE);
}

// Keyboard: ←/→ moves the focused round by one slot (Shift: four); 1–9 picks an option.
tid('timeline').addEventListener('keydown', async (ev) => {
  const round = ev.target.dataset && ev.target.dataset.round;
  if (!round || (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight')) return;
  ev.preventDefault();
  const slots = (ev.key === 'ArrowLeft' ? -1 : 1) * (ev.shiftKey ? 4 : 1);
  await moveRound(round, slots);
});

async function moveRound(round, slots) {
  if (!slots) return;
  const t0 = performance.now();
  try {
    renderView(await api.moveRound(sched.option, round, slots), round);
    // How long a move took (checked by the core and redrawn); read by the benchmark.
    document.body.dataset.moveMs = (performance.now() - t0).toFixed(1);
    document.body.dataset.moves = String(Number(document.body.dataset.moves || 0) + 1);
  } catch (e) {
    showError(e);
  }
}

// Dragging: the block follows the pointer; on release the distance becomes whole slots.
tid('timeline').addEventListener('pointerdown', (ev) => {
  const block = ev.target.closest('.block');
  if (!block || !sched.view) return;
  const track = block.parentElement;
  const round = block.dataset.round;
  const minutesPerPx = sched.view.timeline.minutes / track.getBoundingClientRect().width;
  const slot = sched.view.timeline.slot_minutes;
  const x0 = ev.clientX;
  const same = $$(`.block[data-round="${round}"]`, tid('timeline'));
  block.setPointerCapture(ev.pointerId);
  const slotsAt = (x) => Math.round(((x - x0) * minutesPerPx) / slot);
  const onMove = (e) => {
    const dx = (slotsAt(e.clientX) * slot) / minutesPerPx;
    for (const b of same) b.style.transform = `translateX(${dx}px)`;
  };
  const onUp = async (e) => {
    block.removeEventListener('pointermove', onMove);
    block.removeEventListener('pointerup', onUp);
    for (const b of same) b.style.transform = '';
    await moveRound(round, slotsAt(e.clientX));
  };
  block.addEventListener('pointermove', onMove);
  block.addEventListener('pointerup', onUp);
});


tid('book').addEventListener('click', async () => {
  try {
    const sent = await api.bookOption(sched.option);
    showSent(tid('sent'), sent, `Option ${sched.option + 1} is booked.`);
    renderView(await api.showOption(sched.option, sched.day));
    say('Booked; the invites are written.');
  } catch (e) { showError(e); }
});

tid('send-update').addEventListener('click', async () => {
  try {
    const sent = await api.sendUpdate();
    showSent(tid('sent'), sent, 'Updated invites written (same events, new times).');
    renderView(await api.bookedView());
  } catch (e) { showError(e); }
});

tid('reset-option').addEventListener('click', async () => {
  try {
    renderView(await api.resetOption(sched.option));
    say('The option is back as it was.');
  } catch (e) { showError(e); }
});

tid('open-candidate').addEventListener('click', () => openCandidate(sched.candidate));

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && !tid('confirm').hidden) { tid('confirm-no').click(); return; }
  if (tid('screen-schedule').hidden || tid('schedule-body').hidden) return;
  if (ev.target.matches('input, textarea, select')) return;
  const n = Number(ev.key);
  const tabs = $$('[role="tab"]', tid('options'));
  if (n >= 1 && n <= 9 && n <= tabs.length) { ev.preventDefault(); pick(n - 1, null).catch(showError); }
});

// ---- settings ---------------------------------------------------------------------------

async function showSettings() {
  const info = await refreshHeader();
  tid('data-dir').textContent = info.data_dir;
  const c = info.counts;
  tid('settings-counts').textContent = `${plural(c.interviewers, 'interviewer')}, ${plural(c.candidates, 'candidate')}, ${plural(c.plans, 'plan')}, ${plural(c.bookings, 'booking')}`;
  tid('version').textContent = info.version;
  showOrganizer(await api.settings());
}

function showOrganizer(s) {
  const form = tid('organizer-form');
  form.elements.name.value = s.organizer_name;
  form.elements.email.value = s.organizer_email;
  tid('organizer-hint').textContent = s.organizer_set
    ? 'Calendars show this name on every invite and send the replies to this address.'
    : 'Invites still name a placeholder organizer. Enter your own name and e-mail: calendars show them on every invite and send the replies there.';
}

tid('organizer-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  try {
    showOrganizer(await api.setOrganizer(f.name.value, f.email.value));
    fieldError('organizer-error', null);
    say('Invites will come from ' + f.email.value.trim() + '.');
  } catch (e) { fieldError('organizer-error', e); }
});

function dataChanged() {
  plansCache = null;
  drawnPeople = '';
  sched.candidate = null;
  sched.formFor = null;
  currentCandidate = null;
  pipe.offset = 0;
  people.offset = 0;
}

tid('export-data').addEventListener('click', async () => {
  try {
    const path = await api.exportData();
    say(`Backup saved to ${path}.`);
  } catch (e) { showError(e); }
});

tid('import-data').addEventListener('click', () => {
  confirmThen('Restore a backup? Everything stored now is replaced by the backup.', 'Choose a backup and replace everything', async () => {
    try {
      await api.importData();
      dataChanged();
      await showSettings();
      say('The backup was restored.');
    } catch (e) { showError(e); }
  });
});

tid('clear-data').addEventListener('click', async () => {
  const c = (await api.appInfo()).counts;
  confirmThen(`Clear everything? ${plural(c.interviewers, 'interviewer')}, ${plural(c.candidates, 'candidate')}, ${plural(c.plans, 'plan')} and ${plural(c.bookings, 'booking')} are deleted for good (save a backup first if you may need them).`, 'Delete everything', async () => {
    try {
      await api.clearData();
      dataChanged();
      await showSettings();
      say('Everything was cleared: add your team in People and your plans in Plans.');
    } catch (e) { showError(e); }
  });
});

tid('load-example').addEventListener('click', () => {
  confirmThen('Load the example team again? Everything stored now is replaced by the example.', 'Replace everything by the example', async () => {
    try {
      await api.loadExample();
      dataChanged();
      await showSettings();
      say('The example team is loaded.');
    } catch (e) { showError(e); }
  });
});

// ---- start ------------------------------------------------------------------------------

tid('theme').addEventListener('change', (ev) => {
  localStorage.setItem('rondo-theme', ev.target.value);
  setTheme(ev.target.value);
});
setTheme(localStorage.getItem('rondo-theme') || 'system');
tid('theme').value = localStorage.getItem('rondo-theme') || 'system';
// A file opened with Rondo (now or while it runs) is imported in People once chosen for whom.
watchOpenedFiles({
  importAsCalendar: (person) => go('people').then(() => importCalendar(person, () => api.importOpenedCalendar(person.id))),
  showError,
});
// Once the first screen is drawn, note how long after the process start that was.
refreshHeader()
  .then((info) => (info.problem ? info : go('pipeline').then(() => api.appInfo())))
  .then((info) => { document.body.dataset.launchMs = String(info.uptime_ms); })
  .catch(showError);
