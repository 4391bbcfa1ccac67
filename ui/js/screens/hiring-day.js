// Hiring day: tick many candidates from the pipeline (filtered by job, stage or a
// search), choose one plan for all or each their own, the office and the days, and let
// the core plan everyone at once. The day comes back drawn by the core: a grid of
// interviewers × time on the office's clock (minutes from its left edge; this module
// scales them), each candidate's loop in one colour with their name on every block,
// itineraries in each candidate's own time, what was proved and who was left out, in
// words. A round moves by whole grid steps (dragged, or ←/→ on a focused block, Shift:
// four); the core checks the whole day again and either redraws it or says which rule
// and who is in the way, and nothing moves. "Book all" books the whole day through the
// core's guarded path; "Save the day's sheets" writes each interviewer's day and each
// candidate's itinerary into a chosen folder.
import { api } from '../api.js';
import { $, el, plural, tid } from '../dom.js';
import { attempt, fieldError, say } from '../feedback.js';
import { register } from '../nav.js';
import { changed, facts, onChange, BOOKINGS, CANDIDATES, EVERYTHING, PLANS } from '../state.js';
import { DateField } from '../datefield.js';
import { debounce, planMenu, showSent } from '../widgets.js';
import { dragBySlots } from '../drag.js';

// The axis scale: an eight-hour day is about 1,000 px wide and scrolls sideways.
const PX_PER_MINUTE = 2;
// Candidate colours on the grid cycle through this many (classes hd-c0…): the name on
// each block says whose it is, so the colour is never the only sign.
const COLOURS = 8;

// The candidates ticked (kept across filters), the filter, whether the form is set up,
// and the day drawn last (its slot size turns a drag into grid steps).
const day = { chosen: new Set(), filter: { job: '', stage: null, query: '' }, ready: false, shown: [], view: null };
onChange([EVERYTHING], () => { day.chosen.clear(); day.ready = false; });
onChange([CANDIDATES, PLANS, BOOKINGS], () => { day.ready = false; });
const from = new DateField(tid('hd-from'), 'First day');
const to = new DateField(tid('hd-to'), 'Last day');

async function show() {
  const choices = await api.hiringDayChoices(day.filter);
  if (!day.ready) {
    tid('hd-stage').replaceChildren(el('option', { value: '', text: 'Any stage' }),
      ...facts.stages.map(([id, name]) => el('option', { value: id, text: name })));
    tid('hd-stage').value = day.filter.stage || '';
    tid('hd-job').replaceChildren(el('option', { value: '', text: 'Any job' }),
      ...choices.jobs.map((j) => el('option', { value: j, text: j })));
    tid('hd-job').value = day.filter.job;
    await planMenu(tid('hd-plan'), tid('hd-plan').value, 'Each candidate’s own plan');
    const office = tid('hd-office').value;
    tid('hd-office').replaceChildren(...choices.offices.map((o) => el('option', { value: o.zone, text: o.label })));
    if (office) tid('hd-office').value = office;
    if (!from.date) await from.set(choices.from);
    if (!to.date) await to.set(choices.to);
    day.ready = true;
  }
  drawCandidates(choices);
}

register('hiring-day', show);

function drawCandidates(choices) {
  day.shown = choices.candidates;
  const rows = choices.candidates.map((c) => el('tr', { 'data-testid': `hd-row-${c.id}` },
    el('td', {}, el('input', {
      type: 'checkbox', 'data-testid': `hd-pick-${c.id}`, 'aria-label': `Choose ${c.name}`,
      checked: day.chosen.has(c.id),
      onchange: (ev) => { if (ev.target.checked) day.chosen.add(c.id); else day.chosen.delete(c.id); count(); },
    })),
    el('th', { scope: 'row', text: c.name }),
    el('td', { text: c.has_plan ? c.job : 'No plan' }),
    el('td', { text: c.stage }),
    el('td', { text: c.place })));
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '5', text: 'No candidate matches.' })));
  $('tbody', tid('hd-candidates')).replaceChildren(...rows);
  count(choices.matched > choices.candidates.length ? ` (${choices.candidates.length} of ${choices.matched} shown: narrow the search)` : '');
}

function count(extra = '') {
  tid('hd-count').textContent = `${plural(day.chosen.size, 'candidate')} chosen${extra}`;
}

const refilter = () => attempt(async () => drawCandidates(await api.hiringDayChoices(day.filter)));
tid('hd-job').addEventListener('change', (ev) => { day.filter.job = ev.target.value; refilter(); });
tid('hd-stage').addEventListener('change', (ev) => { day.filter.stage = ev.target.value || null; refilter(); });
tid('hd-search').addEventListener('input', debounce((ev) => { day.filter.query = ev.target.value; refilter(); }));
tid('hd-all').addEventListener('click', () => {
  for (const c of day.shown) day.chosen.add(c.id);
  for (const box of document.querySelectorAll('[data-testid^="hd-pick-"]')) box.checked = true;
  count();
});
tid('hd-none').addEventListener('click', () => {
  day.chosen.clear();
  for (const box of document.querySelectorAll('[data-testid^="hd-pick-"]')) box.checked = false;
  count();
});

tid('hd-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const [first, last] = [await from.value(), await to.value()];
  // A day that could not be read says why beside its field; say it here too, so the
  // click is never silently lost.
  if (!first || !last) {
    say('Give the first and the last day of the hiring day as dates.');
    return;
  }
  tid('hd-plan-day').disabled = true;
  tid('hd-progress').hidden = false;
  say(`Planning the day for ${plural(day.chosen.size, 'candidate')}…`);
  const view = await attempt(() => api.planHiringDay({
    candidates: [...day.chosen], plan: tid('hd-plan').value, office: tid('hd-office').value, from: first, to: last,
  }), 'hd-error');
  tid('hd-plan-day').disabled = false;
  tid('hd-progress').hidden = true;
  if (!view) return;
  tid('hd-sent').hidden = true;
  tid('hd-sheets-saved').hidden = true;
  tid('hd-moved').textContent = '';
  fieldError('hd-move-error', null);
  drawDay(view);
  say(view.summary);
});

function drawDay(view) {
  day.view = view;
  tid('hd-result').hidden = false;
  const verdict = tid('hd-verdict');
  verdict.className = `verdict ${view.optimal ? 'ok' : ''}`;
  tid('hd-summary').textContent = view.summary;
  tid('hd-proof').textContent = view.proof;
  tid('hd-grids').replaceChildren(...view.days.map((d, i) => el('div', { class: 'hd-day', 'data-testid': `hd-day-${i}` },
    el('h2', { text: d.label }),
    el('div', { class: 'timeline-wrap' }, grid(d)))));
  tid('hd-itineraries').replaceChildren(...view.itineraries.map((it) => el('div', {
    class: 'card hd-itinerary', 'data-testid': `hd-itinerary-${it.id}`,
  },
  el('h3', {}, el('i', { class: `sw hd-c${it.colour % COLOURS}`, 'aria-hidden': 'true' }), `${it.name} · ${it.place}`),
  el('ol', {}, it.rounds.map((r) => el('li', {}, el('strong', { text: r.name }), ` — ${r.when}`))),
  el('p', { class: 'hint', text: it.finish }))));
  tid('hd-left-out-box').hidden = !view.left_out.length;
  tid('hd-left-out').replaceChildren(...view.left_out.map((l) => el('li', { 'data-testid': `hd-out-${l.id}` },
    el('strong', { text: l.name }), `: ${l.reason}`)));
  tid('hd-book').disabled = !view.itineraries.length;
  tid('hd-book').textContent = `Book all ${plural(view.itineraries.length, 'candidate')} and write invites…`;
}

// One date's grid: a row per interviewer, the hours of the office's clock across.
function grid(d) {
  const width = `${d.minutes * PX_PER_MINUTE}px`;
  const place = (node, start, end) => {
    node.style.left = `${(100 * start) / d.minutes}%`;
    if (end !== undefined) node.style.width = `${(100 * (end - start)) / d.minutes}%`;
    return node;
  };
  const axis = el('div', { class: 'track hd-axis' }, d.ticks.map((t) => place(el('div', { class: 'tick major' }, el('span', { text: t.label })), t.at)));
  axis.style.width = width;
  const rows = d.rows.map((r) => {
    const track = el('div', { class: 'track' },
      d.ticks.map((t) => place(el('div', { class: 'tick' }), t.at)),
      r.blocks.map((b) => place(el('div', {
        class: `block hd-block hd-c${b.colour % COLOURS}`, 'data-testid': `hd-block-${r.id}-${b.candidate}`,
        'data-candidate': b.candidate, 'data-round': b.round_id, tabindex: '0', role: 'button',
        'aria-label': `${b.who}, ${b.title}. Left or right arrow moves it.`,
        title: `${b.who}\n${b.title}`,
      }, el('span', { text: `${b.who} · ${b.round}` })), b.start, b.end)));
    track.style.width = width;
    return el('div', { class: 'tl-row', 'data-testid': `hd-grid-row-${r.id}` },
      el('div', { class: 'who' }, el('strong', { text: r.name }), r.elsewhere ? el('span', { class: 'zone', text: r.elsewhere }) : null),
      track);
  });
  return el('div', { class: 'timeline hd-grid', role: 'table', 'aria-label': `Interviews on ${d.label}, one row per interviewer` },
    el('div', { class: 'tl-row hd-head' }, el('div', { class: 'who' }, el('span', { class: 'zone', text: 'Office time' })), axis), rows);
}

tid('hd-book').addEventListener('click', () => attempt(async () => {
  tid('hd-book').disabled = true;
  try {
    const booked = await api.bookHiringDay();
    changed(BOOKINGS);
    showSent(tid('hd-sent'), booked.sent, booked.said);
    tid('hd-book').textContent = 'The day is booked';
    say(booked.said);
  } catch (e) {
    tid('hd-book').disabled = false;
    throw e;
  }
}));

// Moving a round: the core re-checks the whole day; a refusal leaves the day as it was.
async function moveRound(candidate, round, slots) {
  const moved = await attempt(() => api.moveHiringDayRound(candidate, round, slots), 'hd-move-error');
  if (!moved) return;
  drawDay(moved.view);
  tid('hd-moved').textContent = moved.said;
  say(moved.said);
  const again = document.querySelector(`.hd-block[data-candidate="${candidate}"][data-round="${round}"]`);
  if (again) again.focus();
}

// Keyboard: ←/→ moves the focused round by one grid step (Shift: four).
tid('hd-grids').addEventListener('keydown', async (ev) => {
  const b = ev.target.closest && ev.target.closest('.hd-block');
  if (!b || (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight')) return;
  ev.preventDefault();
  await moveRound(b.dataset.candidate, b.dataset.round, (ev.key === 'ArrowLeft' ? -1 : 1) * (ev.shiftKey ? 4 : 1));
});

// Dragging: the round's blocks (one per interviewer) follow the pointer by whole grid
// steps; on release the distance becomes the move.
tid('hd-grids').addEventListener('pointerdown', (ev) => {
  const block = ev.target.closest('.hd-block');
  if (!block || !day.view) return;
  const { candidate, round } = block.dataset;
  const grid = block.closest('.hd-day');
  const minutes = day.view.days[Number(grid.dataset.testid.slice('hd-day-'.length))].minutes;
  const minutesPerPx = minutes / block.parentElement.getBoundingClientRect().width;
  const same = [...tid('hd-grids').querySelectorAll(`.hd-block[data-candidate="${candidate}"][data-round="${round}"]`)];
  dragBySlots(ev, block, same, minutesPerPx, day.view.slot_minutes, (slots) => moveRound(candidate, round, slots));
});

tid('hd-sheets').addEventListener('click', () => attempt(async () => {
  const saved = await api.saveHiringDaySheets();
  const card = tid('hd-sheets-saved');
  card.hidden = false;
  card.replaceChildren(
    el('p', { 'data-testid': 'hd-sheets-saved-text' }, el('strong', { text: saved.said })),
    el('ul', { class: 'files' }, saved.files.map((f) => el('li', { text: f }))));
  say(saved.said);
}));

tid('hd-print').addEventListener('click', () => window.print());
