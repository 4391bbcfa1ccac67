// Rondo's window: screens, forms and the multi-zone timeline. Every time, label and layout
// comes from the core through api.js; this file only puts them on screen and turns
// pointer movements into whole slots.
import { api } from './api.js';

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

// ---- messages -------------------------------------------------------------------------

function say(text) {
  tid('status').textContent = text;
}

function showError(err) {
  if (err && err.code === 'cancelled') return;
  tid('error-text').textContent = err && err.message ? err.message : String(err);
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
  tid('request-label').textContent = info.range;
  return info;
}

// ---- pipeline ---------------------------------------------------------------------------

async function showPipeline() {
  const rows = await api.pipeline();
  const body = $('tbody', tid('pipeline-table'));
  body.replaceChildren(...rows.map((r) => el('tr', { 'data-testid': `candidate-${r.id}` },
    el('th', { scope: 'row', text: r.name }),
    el('td', { text: r.place }),
    el('td', { text: String(r.rounds) }),
    el('td', {}, el('span', { class: 'badge', text: r.waiting })),
    el('td', { text: r.next || '—' }),
    el('td', {}, el('button', { type: 'button', 'data-testid': `schedule-${r.id}`, onclick: () => go('schedule'), text: 'Schedule' })),
  )));
}

// ---- people -----------------------------------------------------------------------------

let zonesLoaded = false;
let editing = null;

async function showPeople() {
  if (!zonesLoaded) {
    const zones = await api.zoneNames();
    tid('add-form').querySelector('datalist').replaceChildren(...zones.map((z) => el('option', { value: z })));
    zonesLoaded = true;
  }
  renderPeople(await api.interviewers());
}

let drawnPeople = '';

function renderPeople(people) {
  // Redrawing hundreds of rows is the slow part of opening People: skip it when the list
  // is what is already on screen.
  const key = JSON.stringify(people);
  if (key === drawnPeople) return;
  drawnPeople = key;
  const body = $('tbody', tid('people-table'));
  body.replaceChildren(...people.map((p) => el('tr', { 'data-testid': `person-${p.id}` },
    el('th', { scope: 'row' }, p.name),
    el('td', {}, `${p.place} · `, el('span', { class: 'clock', text: p.clock })),
    el('td', { text: p.pools.join(', ') || '—' }),
    el('td', { text: `${p.buffer_minutes} min` }),
    el('td', { text: p.max_per_day ? String(p.max_per_day) : '—' }),
    el('td', { 'data-testid': `busy-${p.id}`, text: String(p.busy_blocks) }),
    el('td', {}, el('div', { class: 'row-actions' }, el('button', {
      type: 'button', 'data-testid': `edit-hours-${p.id}`, 'aria-label': `Working hours of ${p.name}`,
      onclick: () => openHours(p), text: 'Working hours…',
    }), el('button', {
      type: 'button', 'data-testid': `import-${p.id}`, 'aria-label': `Import the calendar of ${p.name}`,
      onclick: () => importCalendar(p, () => api.importCalendar(p.id)), text: 'Import calendar…',
    }))),
  )));
  for (const row of body.rows) row.dataset.person = row.dataset.testid.slice('person-'.length);
}

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
    tid('import-step').textContent = `Calendar of ${s.name} imported from ${s.file}.`;
    tid('import-summary').replaceChildren(...[
      el('p', { 'data-testid': 'import-counts', text: `${s.events} events read, ${s.occurrences} occurrences in the request's dates, ${s.busy_hours} busy hours in ${s.busy_blocks} blocks.` }),
      s.skipped.length ? el('p', { text: `${s.skipped.length} event${s.skipped.length === 1 ? '' : 's'} skipped:` }) : null,
      s.skipped.length ? el('ul', { 'data-testid': 'import-skipped' }, s.skipped.map((k) => el('li', { text: k }))) : null,
      s.warnings.length ? el('p', { text: `Imported with ${s.warnings.length} caveat${s.warnings.length === 1 ? '' : 's'}:` }) : null,
      s.warnings.length ? el('ul', { class: 'hint' }, s.warnings.map((k) => el('li', { text: k }))) : null,
    ].filter(Boolean));
    renderPeople(await api.interviewers());
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

function openHours(person) {
  editing = person.id;
  const form = tid('hours-form');
  tid('hours-name').textContent = person.name;
  tid('hours-week').replaceChildren(...person.hours.map((d) => el('label', { class: 'day' },
    el('span', { text: d.label }),
    el('input', { name: d.day, value: d.text, 'data-testid': `hours-${d.day}`, autocomplete: 'off' }),
  )));
  fieldError('hours-error', null);
  form.hidden = false;
  $('input', form).focus();
}

tid('hours-cancel').addEventListener('click', () => { tid('hours-form').hidden = true; editing = null; });

tid('hours-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const hours = {};
  for (const i of $$('input', tid('hours-week'))) hours[i.name] = i.value;
  try {
    renderPeople(await api.setWorkingHours(editing, hours));
    fieldError('hours-error', null);
    tid('hours-form').hidden = true;
    say('Working hours saved.');
  } catch (e) {
    fieldError('hours-error', e);
  }
});

tid('add-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const weekday = f.weekday.value;
  const num = (v) => (v === '' ? null : Number(v));
  const input = {
    name: f.name.value, email: f.email.value, zone: f.zone.value, pools: f.pools.value,
    hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    buffer_minutes: num(f.buffer.value), max_per_day: num(f.perday.value),
  };
  try {
    renderPeople(await api.addInterviewer(input));
    fieldError('add-error', null);
    say(`${input.name.trim()} was added.`);
    ev.target.reset();
    f.name.focus();
  } catch (e) {
    fieldError('add-error', e);
  }
});

// ---- plans ------------------------------------------------------------------------------

async function showPlans() {
  renderPlan(await api.rounds());
}

function renderPlan(rounds) {
  const body = $('tbody', tid('plan-table'));
  body.replaceChildren(...rounds.map((r, i) => el('tr', { 'data-testid': `round-row-${r.id}` },
    el('td', { text: String(i + 1) }),
    el('th', { scope: 'row', text: r.name }),
    el('td', {}, el('input', {
      type: 'number', min: '5', step: '5', value: String(r.duration_minutes), class: 'narrow',
      'aria-label': `Length of ${r.name} in minutes`, 'data-testid': `duration-${r.id}`,
      onchange: async (ev) => {
        try {
          renderPlan(await api.setRoundDuration(r.id, Number(ev.target.value)));
          fieldError('plan-error', null);
          say(`${r.name} now lasts ${ev.target.value} min.`);
        } catch (e) { fieldError('plan-error', e); }
      },
    })),
    el('td', { text: r.needs.join(' + ') }),
    el('td', { text: r.after.join('; ') || 'first' }),
    el('td', { text: r.same_day_with.join(', ') || '—' }),
  )));
}

// ---- schedule ---------------------------------------------------------------------------

const sched = { option: 0, day: null, view: null };

async function showSchedule() {
  const rows = await api.pipeline();
  tid('schedule-candidate').textContent = rows.length ? rows[0].name : '';
  const answer = await api.currentAnswer();
  if (answer.options.length || answer.blockers.length) await renderAnswer(answer);
}

tid('find-options').addEventListener('click', findOptions);

async function findOptions() {
  const button = tid('find-options');
  button.disabled = true;
  tid('solve-progress').hidden = false;
  say('Searching for the best times…');
  try {
    const answer = await api.findOptions();
    sched.option = 0;
    sched.day = null;
    await renderAnswer(answer);
    say(answer.scheduled ? `${answer.options.length} options found, best first.` : 'No schedule fits; see why below.');
  } catch (e) {
    showError(e);
  } finally {
    button.disabled = false;
    tid('solve-progress').hidden = true;
  }
}

async function acceptRelaxation(r) {
  const button = tid('find-options');
  button.disabled = true;
  tid('solve-progress').hidden = false;
  try {
    const answer = await api.acceptRelaxation(r.index);
    sched.option = 0;
    sched.day = null;
    await renderAnswer(answer);
    say(`Changed the request: ${r.message}. ${answer.scheduled ? `${answer.options.length} options found.` : 'Still no schedule fits.'}`);
  } catch (e) {
    showError(e);
  } finally {
    button.disabled = false;
    tid('solve-progress').hidden = true;
  }
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
  }, `${d.label} in ${view.timeline.rows[0].city} · ${d.rounds} round${d.rounds === 1 ? '' : 's'}`)));
  drawTimeline(view.timeline);
  tid('round-list').replaceChildren(...view.rounds.map((r) => el('li', {},
    el('span', { 'data-testid': `when-${r.round}`, 'data-start': r.start, 'data-end': r.end },
      el('strong', { text: r.name }), ' — ', r.when),
    el('span', { class: 'seats' }, r.people.map((p) => el('button', {
      type: 'button', class: 'link', 'data-testid': `swap-${r.round}-${p.id}`,
      'aria-label': `Swap ${p.name} in ${r.name} for someone else`,
      onclick: (ev) => showSwap(r, p, ev.target.closest('li')), text: `⇄ ${p.name}`,
    }))))));
  tid('book').textContent = view.booked === null ? `Book option ${view.option + 1} and write invites…` : `Option ${view.option + 1} is booked`;
  tid('book').disabled = view.booked !== null;
  tid('send-update').hidden = view.booked === null;
  if (focusRound) {
    const b = tid(`round-${focusRound}`);
    if (b) b.focus();
  }
  // Option summary badges follow manual moves.
  api.currentAnswer().then((a) => { if (a.options.length) renderOptions(a.options); }).catch(showError);
}

// Swap: the people who could take a seat with the option still valid, best first.
async function showSwap(round, person, li) {
  for (const old of $$('.swap', tid('round-list'))) old.remove();
  try {
    const choices = await api.swapChoices(sched.option, round.round, person.id);
    const box = el('div', { class: 'swap', 'data-testid': 'swap-choices', role: 'group', 'aria-label': `Replace ${person.name} in ${round.name}` },
      choices.length ? `Replace ${person.name} with:` : `No one else from the pool is free then.`,
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

function showSent(sent, what) {
  const card = tid('sent');
  card.hidden = false;
  card.replaceChildren(
    el('p', { 'data-testid': 'sent-text' }, el('strong', { text: what }), ` ${sent.files.length} files written to ${sent.folder} (sequence ${sent.sequence}):`),
    el('ul', { class: 'files' }, sent.files.map((f) => el('li', { text: f }))),
  );
}

tid('book').addEventListener('click', async () => {
  try {
    const sent = await api.bookOption(sched.option);
    showSent(sent, `Option ${sent.option + 1} is booked.`);
    renderView(await api.showOption(sched.option, sched.day));
    say('Booked; the invites are written.');
  } catch (e) { showError(e); }
});

tid('send-update').addEventListener('click', async () => {
  try {
    const sent = await api.sendUpdate();
    showSent(sent, 'Updated invites written (same events, new times).');
    renderView(await api.showOption(sched.option, sched.day));
  } catch (e) { showError(e); }
});

tid('reset-option').addEventListener('click', async () => {
  try {
    renderView(await api.resetOption(sched.option));
    say('The option is back as Rondo proposed it.');
  } catch (e) { showError(e); }
});

document.addEventListener('keydown', (ev) => {
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
  tid('settings-request').textContent = `${info.request} · ${info.range}`;
  tid('version').textContent = info.version;
}

tid('open-request').addEventListener('click', async () => {
  try {
    await api.openRequest();
    await showSettings();
    say('The request was opened. Find options on the Schedule screen.');
  } catch (e) { showError(e); }
});

tid('load-example').addEventListener('click', async () => {
  try {
    await api.loadExample();
    await showSettings();
    say('Started again from the example team.');
  } catch (e) { showError(e); }
});

// ---- start ------------------------------------------------------------------------------

tid('theme').addEventListener('change', (ev) => {
  localStorage.setItem('rondo-theme', ev.target.value);
  setTheme(ev.target.value);
});
setTheme(localStorage.getItem('rondo-theme') || 'system');
tid('theme').value = localStorage.getItem('rondo-theme') || 'system';
refreshHeader().catch(showError);
// Once the first screen is drawn, note how long after the process start that was.
go('pipeline')
  .then(() => api.appInfo())
  .then((info) => { document.body.dataset.launchMs = String(info.uptime_ms); })
  .catch(showError);
