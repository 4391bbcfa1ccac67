// A candidate's page: their details (zone, plan, stage, when they can interview) and
// their booked interviews, to confirm, move (an update) or cancel (asked first), with
// the answers that came back and the options held for their pick (answers.js).
import { api } from '../api.js';
import { $$, el, plural, tid } from '../dom.js';
import { attempt, confirmThen, fieldError, say } from '../feedback.js';
import { go, register } from '../nav.js';
import { changed, facts, onChange, BOOKINGS, CANDIDATES, EVERYTHING } from '../state.js';
import { DateField } from '../datefield.js';
import { planMenu, showSent, zoneSuggestions } from '../widgets.js';
import { answersOf, importReply, showHolds } from './answers.js';

// The candidate shown (null: a new one).
let current = null;
onChange([EVERYTHING], () => { current = null; });

async function show(params) {
  if (params) current = params.id;
  await zoneSuggestions();
  const form = tid('candidate-form');
  const f = form.elements;
  if (!f.stage.options.length) f.stage.replaceChildren(...facts.stages.map(([id, label]) => el('option', { value: id, text: label })));
  fieldError('cand-error', null);
  tid('candidate-sent').hidden = true;
  if (!current) {
    tid('candidate-title').textContent = 'A new candidate';
    form.reset();
    f.id.value = '';
    await planMenu(f.plan, '', 'No plan yet');
    tid('candidate-bookings').hidden = true;
    tid('cand-delete').hidden = true;
    tid('candidate-schedule').hidden = true;
    tid('candidate-holds').hidden = true;
    f.name.focus();
    return;
  }
  const d = await api.candidate(current);
  tid('candidate-title').textContent = d.form.name;
  f.id.value = d.form.id;
  f.name.value = d.form.name;
  f.email.value = d.form.email;
  f.zone.value = d.form.zone;
  await planMenu(f.plan, d.form.plan, 'No plan yet');
  f.stage.value = d.form.stage;
  f.available.value = d.form.available;
  f.maxday.value = d.form.max_minutes_per_day ?? '';
  f.notes.value = d.form.notes;
  tid('candidate-bookings').hidden = false;
  tid('cand-delete').hidden = false;
  tid('candidate-schedule').hidden = false;
  tid('candidate-place').textContent = `${d.place}. Times below: the candidate's first, then each interviewer's.`;
  renderBookings(d.bookings);
  await showHolds(current, () => show());
}

register('candidate', show);

function renderBookings(list) {
  tid('booking-list').replaceChildren(...(list.length ? list.map((b) => el('li', { 'data-testid': `booking-${b.round_id}`, 'data-start': b.start, 'data-end': b.end },
    el('strong', { text: b.round }), ' — ', b.when, ' ',
    el('span', { class: `badge ${b.status}`, 'data-testid': `status-${b.round_id}`, text: b.status }),
    el('span', { class: 'hint', text: b.sent ? ` · invites written (sequence ${b.sequence})` : ' · invites to send' }),
    b.server ? el('span', { class: 'hint', 'data-testid': `server-${b.round_id}`, text: ` · ${b.server}` }) : '',
    el('div', { class: 'row-actions' },
      b.status === 'proposed' ? el('button', { type: 'button', 'data-testid': `held-${b.round_id}`, onclick: () => setStatus(b, 'held'), text: 'Mark held' }) : null,
      b.status !== 'confirmed' ? el('button', { type: 'button', 'data-testid': `confirm-${b.round_id}`, onclick: () => setStatus(b, 'confirmed'), text: 'Mark confirmed' }) : null,
      moveControls(b),
    ),
    answersOf(b, () => show()),
  )) : [el('li', { text: 'No interviews booked.' })]));
  tid('cancel-interviews').disabled = !list.length;
  tid('write-invites').disabled = !list.some((b) => !b.sent);
}

async function setStatus(b, status) {
  await attempt(async () => {
    renderBookings(await api.setInterviewStatus(b.id, status));
    changed(BOOKINGS);
    say(`${b.round} is ${status}.`);
  });
}

// A new day (the person's date style, with a calendar) and time (24-hour clock) for a
// booked round, in the candidate's zone; the core reads both.
function moveControls(b) {
  const date = el('input', { 'aria-label': `New date of ${b.round} (candidate's zone)`, 'data-testid': `move-date-${b.round_id}` });
  const time = el('input', { class: 'time', inputmode: 'numeric', placeholder: '14:30', 'aria-label': `New time of ${b.round} (candidate's zone, 24-hour clock)`, 'data-testid': `move-time-${b.round_id}` });
  const box = el('span', { class: 'inline move' }, 'Move to ', date, ' at ', time,
    el('button', { type: 'button', 'data-testid': `move-${b.round_id}`, onclick: () => reschedule(b, day, time.value), text: 'Move and send update' }));
  const day = new DateField(date, `New date of ${b.round}`);
  return box;
}

async function reschedule(b, day, time) {
  const date = await day.value();
  if (!date) return;
  await attempt(async () => {
    const sent = await api.rescheduleInterview(b.id, date, time);
    changed(BOOKINGS);
    await show();
    showSent(tid('candidate-sent'), sent, `${b.round} moved; the update is written.`);
  });
}

tid('candidate-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const form = {
    id: f.id.value, name: f.name.value, email: f.email.value, zone: f.zone.value, plan: f.plan.value,
    stage: f.stage.value, available: f.available.value,
    max_minutes_per_day: f.maxday.value === '' ? null : Number(f.maxday.value), notes: f.notes.value,
  };
  await attempt(async () => {
    const d = await api.saveCandidate(form);
    changed(CANDIDATES);
    current = d.form.id;
    say(`${d.form.name} is saved.`);
    await show();
  }, 'cand-error');
});

tid('cand-delete').addEventListener('click', () => {
  const name = tid('cand-name').value;
  confirmThen(`Delete ${name}? Their details and notes are removed for good.`, `Delete ${name}`, async () => {
    await api.deleteCandidate(current);
    changed(CANDIDATES);
    current = null;
    say(`${name} was deleted.`);
    await go('pipeline');
  });
});

tid('candidate-back').addEventListener('click', () => go('pipeline'));
tid('candidate-schedule').addEventListener('click', () => go('schedule', { candidate: current }));

tid('cancel-interviews').addEventListener('click', () => {
  const n = $$('li[data-start]', tid('booking-list')).length;
  confirmThen(`Cancel ${plural(n, 'interview')}? ${plural(n * 2, 'invite')} will be cancelled (the candidate's and the panel's).`, `Cancel ${plural(n, 'interview')}`, async () => {
    const sent = await api.cancelInterviews(current);
    changed(BOOKINGS);
    await show();
    showSent(tid('candidate-sent'), sent, `${plural(sent.bookings.length, 'interview')} cancelled; the cancellations are written.`);
    say('Cancelled; the cancellations are written.');
  });
});

tid('import-reply').addEventListener('click', () => importReply(tid('candidate-sent'), () => show()));

tid('write-invites').addEventListener('click', () => attempt(async () => {
  const sent = await api.writeInvites(current);
  changed(BOOKINGS);
  await show();
  showSent(tid('candidate-sent'), sent, 'Invites written.');
}));
