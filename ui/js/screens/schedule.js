// Schedule: find ranked options for a candidate with the engine, read one on the
// timeline day by day, move or swap until it suits, then book it (invites written) or,
// once booked, write updated invites. Keys 1–9 pick an option.
import { api } from '../api.js';
import { $, $$, el, plural, tid } from '../dom.js';
import { attempt, onConflict, say, showError } from '../feedback.js';
import { go, register } from '../nav.js';
import { changed, onChange, BOOKINGS, CANDIDATES, EVERYTHING, PEOPLE, PLANS } from '../state.js';
import { DateField } from '../datefield.js';
import { debounce, planMenu, showSent } from '../widgets.js';
import { drawTimeline, onMove } from './timeline.js';

// Whose schedule this is, whose form was filled last, the option and day shown.
const sched = { candidate: null, formFor: null, option: 0, day: null };
onChange([EVERYTHING], () => { sched.candidate = null; });
// A candidate's stored details (plan, zone) or the plans may have changed: fill the form again.
onChange([CANDIDATES, PLANS], () => { sched.formFor = null; });
// The days to search, in the candidate's zone, written in the person's date style.
const from = new DateField(tid('schedule-from'), 'First day');
const to = new DateField(tid('schedule-to'), 'Last day');

async function show(params) {
  if (params) sched.candidate = params.candidate;
  const planSel = tid('schedule-plan');
  if (sched.candidate && sched.formFor !== sched.candidate) {
    const f = await api.scheduleForm(sched.candidate);
    sched.formFor = sched.candidate;
    tid('schedule-candidate').textContent = f.name;
    tid('schedule-place').textContent = f.place;
    await planMenu(planSel, f.plan, null);
    await from.set(f.from);
    await to.set(f.to);
    tid('schedule-picks').replaceChildren();
  } else if (!planSel.options.length) {
    await planMenu(planSel, '', null);
  }
  const answer = await api.currentAnswer();
  if (answer && answer.candidate === sched.candidate) await renderAnswer(answer);
  else { tid('schedule-body').hidden = true; tid('infeasible').hidden = true; }
}

register('schedule', show);
onConflict(() => go('schedule').then(findOptions));

tid('schedule-search').addEventListener('input', debounce(async (ev) => {
  const q = ev.target.value.trim();
  if (!q) { tid('schedule-picks').replaceChildren(); return; }
  const page = await attempt(() => api.pipeline(q, null, 0));
  if (!page) return;
  tid('schedule-picks').replaceChildren(...page.rows.slice(0, 8).map((r) => el('button', {
    type: 'button', 'data-testid': `pick-${r.id}`,
    onclick: () => { ev.target.value = ''; go('schedule', { candidate: r.id }); }, text: `${r.name} · ${r.place}`,
  })));
}));

tid('schedule-form').addEventListener('submit', (ev) => { ev.preventDefault(); findOptions(); });

// Runs a search: the button is off and the progress shows until it ends.
async function busy(run) {
  tid('find-options').disabled = true;
  tid('solve-progress').hidden = false;
  await attempt(run);
  tid('find-options').disabled = false;
  tid('solve-progress').hidden = true;
}

async function findOptions() {
  if (!sched.candidate) { say('Choose a candidate first: search above, or press Schedule in the Pipeline.'); tid('schedule-search').focus(); return; }
  const [first, last] = [await from.value(), await to.value()];
  if (!first || !last) return;
  say('Searching for the best times…');
  await busy(async () => {
    const answer = await api.findOptions({ candidate: sched.candidate, plan: tid('schedule-plan').value, from: first, to: last });
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
    // A relaxation changes a plan, an interviewer or the candidate.
    changed(PLANS, PEOPLE, CANDIDATES);
    sched.formFor = sched.candidate;
    sched.option = 0;
    sched.day = null;
    await renderAnswer(done.answer);
    say(`Changed ${done.changed}. ${done.answer.scheduled ? `${plural(done.answer.options.length, 'option')} found.` : 'Still no schedule fits.'}`);
  });
}

async function renderAnswer(answer) {
  // What reading the linked calendars first said (read again; a server that could not
  // be reached, and how old the copy used is).
  const notes = answer.calendars || [];
  tid('calendar-notes').hidden = notes.length === 0;
  tid('calendar-notes').replaceChildren(...notes.map((n) => el('li', { text: n })));
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
    'aria-selected': String(i === sched.option), onclick: () => attempt(() => pick(i, null)),
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
    onclick: () => attempt(async () => renderView(await api.showOption(view.option, i))),
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
  const choices = await attempt(() => api.swapChoices(sched.option, round.round, person.id));
  if (!choices) return;
  const box = el('div', { class: 'swap', 'data-testid': 'swap-choices', role: 'group', 'aria-label': `Replace ${person.name} in ${round.name}` },
    choices.length ? `Replace ${person.name} with:` : 'No one else from the pool is free then.',
    choices.map((c) => el('button', {
      type: 'button', 'data-testid': `swap-to-${c.id}`,
      onclick: () => attempt(async () => {
        renderView(await api.swapInterviewer(sched.option, round.round, person.id, c.id));
        say(`${c.name} replaces ${person.name} in ${round.name}.`);
      }),
    }, `${c.name}${c.booked ? ` (${c.booked} booked)` : ''}`)));
  li.append(box);
  const first = $('button', box);
  if (first) first.focus();
}

onMove(async (round, slots) => {
  const t0 = performance.now();
  await attempt(async () => {
    renderView(await api.moveRound(sched.option, round, slots), round);
    // How long a move took (checked by the core and redrawn); read by the benchmark.
    document.body.dataset.moveMs = (performance.now() - t0).toFixed(1);
    document.body.dataset.moves = String(Number(document.body.dataset.moves || 0) + 1);
  });
});

tid('book').addEventListener('click', () => attempt(async () => {
  const sent = await api.bookOption(sched.option);
  changed(BOOKINGS);
  showSent(tid('sent'), sent, `Option ${sched.option + 1} is booked.`);
  renderView(await api.showOption(sched.option, sched.day));
  say('Booked; the invites are written.');
}));

tid('send-update').addEventListener('click', () => attempt(async () => {
  const sent = await api.sendUpdate();
  changed(BOOKINGS);
  showSent(tid('sent'), sent, 'Updated invites written (same events, new times).');
  renderView(await api.bookedView());
}));

tid('reset-option').addEventListener('click', () => attempt(async () => {
  renderView(await api.resetOption(sched.option));
  say('The option is back as it was.');
}));

tid('open-candidate').addEventListener('click', () => go('candidate', { id: sched.candidate }));

// Hold the first options on the panels' calendars and e-mail them to the candidate,
// who picks one with "Accept" in their mail client; their page shows the holds.
tid('offer-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  attempt(async () => {
    await api.offerHolds(sched.candidate, Number(f.count.value), Number(f.days.value));
    changed(BOOKINGS);
    say('The options are held and e-mailed to the candidate.');
    await go('candidate', { id: sched.candidate });
  });
});

// Keys 1–9 pick an option (not while typing).
document.addEventListener('keydown', (ev) => {
  if (tid('screen-schedule').hidden || tid('schedule-body').hidden) return;
  if (ev.target.matches('input, textarea, select')) return;
  const n = Number(ev.key);
  const tabs = $$('[role="tab"]', tid('options'));
  if (n >= 1 && n <= 9 && n <= tabs.length) { ev.preventDefault(); attempt(() => pick(n - 1, null)); }
});
