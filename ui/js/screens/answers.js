// What came back for the candidate's interviews: each invitee's answer and the
// booking's state from them ("2 of 3 accepted", "needs a replacement for …"), a time
// someone proposed (accept: the interview moves and everyone gets the update; decline:
// they are told), a declined interviewer's seat given to someone the core finds free
// (least loaded first) with the update sent, replies imported from saved e-mails, and
// the options held for the candidate's pick. The core decides all of it.
import { api } from '../api.js';
import { el, plural, tid } from '../dom.js';
import { attempt, confirmThen, say } from '../feedback.js';
import { changed, BOOKINGS } from '../state.js';

// The answers block of interview `b`; `refresh` redraws the page after a change.
export function answersOf(b, refresh) {
  return el('div', { class: 'answers', 'data-testid': `answers-${b.round_id}` },
    el('span', { class: 'answer-status', 'data-testid': `answer-status-${b.round_id}`, text: b.answer_status }),
    el('ul', { class: 'said' }, b.answers.map((a) => el('li', { 'data-testid': `said-${b.round_id}`, 'data-email': a.email, 'data-answer': a.answer, text: `${a.name || a.email}: ${a.answer}` }))),
    b.proposals.map((p) => el('div', { class: 'proposal', 'data-testid': `proposal-${b.round_id}` },
      `${p.name || p.email} proposes ${p.when}`, p.comment ? ` (“${p.comment}”)` : '', ' ',
      el('button', { type: 'button', 'data-testid': `proposal-accept-${b.round_id}`, onclick: () => changing(refresh, () => api.acceptProposal(b.id, p.email), `${b.round} moved to the proposed time; the update goes to everyone.`), text: 'Accept and send the update' }),
      el('button', { type: 'button', 'data-testid': `proposal-decline-${b.round_id}`, onclick: () => changing(refresh, () => api.declineProposal(b.id, p.email), `${p.name || p.email} is told the time stays.`), text: 'Decline' }),
    )),
    b.declined_seats.map((s) => seat(b, s, refresh)),
  );
}

async function changing(refresh, run, said) {
  await attempt(async () => {
    await run();
    changed(BOOKINGS);
    await refresh();
    say(said);
  });
}

// A declined interviewer's seat: who could take it, then one click to give it and send.
function seat(b, s, refresh) {
  const list = el('div', { class: 'choices', 'data-testid': `replacements-${b.round_id}` });
  const find = () => attempt(async () => {
    const choices = await api.replacementChoices(b.id, s.id);
    list.replaceChildren(...(choices.length ? choices.map((c) => el('button', {
      type: 'button', 'data-testid': `replace-with-${c.id}`,
      onclick: () => changing(refresh, () => api.replaceInterviewer(b.id, s.id, c.id), `${c.name} takes ${s.name}'s seat in ${b.round}; the update goes out.`),
      text: `${c.name} (${plural(c.booked, 'interview')} that week)`,
    })) : [el('span', { class: 'hint', text: 'Nobody else from the pool is free then: move the interview instead.' })]));
  });
  return el('div', { class: 'replace' }, `${s.name} declined. `,
    el('button', { type: 'button', 'data-testid': `find-replacement-${b.round_id}`, onclick: find, text: 'Find someone to take the seat' }), list);
}

// Imports a reply saved from a mail client and says what each message in it did.
export async function importReply(card, refresh) {
  await attempt(async () => {
    const outcomes = await api.importReply();
    changed(BOOKINGS);
    await refresh();
    card.hidden = false;
    card.replaceChildren(el('p', { 'data-testid': 'reply-outcome-text' }, el('strong', { text: 'The reply was read:' })),
      el('ul', {}, outcomes.map((o) => el('li', { 'data-testid': 'reply-outcome', 'data-changed': String(o.changed), text: `${o.said}${o.status ? ` (${o.status})` : ''}` }))));
    say(outcomes.some((o) => o.changed) ? 'The reply changed what is shown.' : 'The reply changed nothing: see why.');
  });
}

// The options held for candidate `id`'s pick, if any.
export async function showHolds(id, refresh) {
  const card = tid('candidate-holds');
  const offer = await api.holdOffer(id);
  card.hidden = !offer;
  if (!offer) return;
  tid('holds-state').textContent = offer.state;
  tid('holds-options').replaceChildren(...offer.options.map((rounds, k) => el('li', { 'data-testid': 'holds-option' },
    el('ul', {}, rounds.map((r) => el('li', { text: r }))),
    offer.open ? el('button', { type: 'button', 'data-testid': `holds-pick-${k + 1}`, onclick: () => changing(refresh, () => api.pickHold(id, k + 1), `Option ${k + 1} is booked; the other holds are released.`), text: `The candidate picked this one` }) : null)));
  tid('holds-withdraw').hidden = !offer.open;
  tid('holds-withdraw').onclick = () => confirmThen('Release every hold? The panels and the candidate get a cancellation.', 'Release the holds', async () => {
    await api.withdrawHolds(id);
    changed(BOOKINGS);
    await refresh();
    say('The holds are released.');
  });
}
