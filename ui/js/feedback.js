// What the window tells the coordinator: a passing word on the status line, an error
// banner (with what to do next), an error beside the field it concerns, a question
// before what cannot be undone, and the page shown instead of the screens when the data
// cannot be opened. `attempt` runs an action and routes its failure to one of these.
import { $, $$, tid } from './dom.js';

// A passing word on the status line (announced by screen readers as it changes), gone
// after a while so an old "saved" never sits beside a later screen.
let sayTimer = null;
export function say(text) {
  tid('status').textContent = text;
  clearTimeout(sayTimer);
  sayTimer = setTimeout(() => { tid('status').textContent = ''; }, 10000);
}

// What the error banner's button does on a conflict (set by the Schedule screen: find
// options again), so that this module needs no screen.
let conflictAction = null;
export function onConflict(action) { conflictAction = action; }

// Errors are shown in words; a conflict offers to find options again.
export function showError(err) {
  if (err && err.code === 'cancelled') return;
  if (err && (err.code === 'already_open' || err.code === 'storage')) { showOpenProblem(err.message); return; }
  tid('error-text').textContent = err && err.message ? err.message : String(err);
  const action = tid('error-action');
  action.hidden = !(err && err.code === 'conflict' && conflictAction);
  action.textContent = 'Find options again';
  action.onclick = () => { tid('error').hidden = true; conflictAction(); };
  tid('error').hidden = false;
}

// Shows `err` under a form (in the element `testid`) when it is about what was typed;
// anything else goes to the banner. `null` clears it.
export function fieldError(testid, err) {
  const p = tid(testid);
  if (!err) { p.hidden = true; p.textContent = ''; return; }
  if (err.code !== 'bad_input') { p.hidden = true; showError(err); return; }
  p.textContent = err.message;
  p.hidden = false;
}

// Runs `run` and returns what it returns; a failure is shown (beside the form whose
// error element is `field`, else in the banner) and gives `undefined`. With a `field`,
// success clears its old error.
export async function attempt(run, field = null) {
  try {
    const value = await run();
    if (field) fieldError(field, null);
    return value;
  } catch (e) {
    if (field) fieldError(field, e);
    else showError(e);
    return undefined;
  }
}

tid('error-close').addEventListener('click', () => { tid('error').hidden = true; });
tid('notice-close').addEventListener('click', () => { tid('notice').hidden = true; });

export function showNotice(text) {
  tid('notice-text').textContent = text;
  tid('notice').hidden = false;
}

export function showOpenProblem(message) {
  tid('open-problem-text').textContent = message;
  tid('open-problem').hidden = false;
  $('main').hidden = true;
  for (const b of $$('[data-screen]')) b.disabled = true;
}

// Asks before something that cannot be undone; `yes` names the consequence. `run` is
// attempted when the coordinator agrees.
export function confirmThen(text, yes, run) {
  const box = tid('confirm');
  tid('confirm-text').textContent = text;
  tid('confirm-yes').textContent = yes;
  box.hidden = false;
  const back = document.activeElement;
  tid('confirm-no').focus();
  const close = () => { box.hidden = true; if (back && back.focus) back.focus(); };
  tid('confirm-no').onclick = close;
  tid('confirm-yes').onclick = async () => { close(); await attempt(run); };
}

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && !tid('confirm').hidden) tid('confirm-no').click();
});
