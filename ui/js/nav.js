// Moving between screens. Each screen module registers how it shows itself; `go` hides
// the others, shows it (with `params` when another screen opens it for something, like
// a candidate) and notes on <body> which screen is drawn and how long that took.
import { api } from './api.js';
import { $$, tid, plural } from './dom.js';
import { showError, showNotice, showOpenProblem } from './feedback.js';

const screens = new Map();

// `show(params)` draws screen `name`; `params` is undefined when the navigation bar
// opened it (the screen shows what it showed last).
export function register(name, show) {
  screens.set(name, show);
}

export async function go(name, params) {
  for (const b of $$('[data-screen]')) {
    if (b.dataset.screen === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  const t0 = performance.now();
  for (const p of $$('[data-screen-panel]')) p.hidden = p.dataset.screenPanel !== name;
  try {
    await screens.get(name)(params);
  } catch (e) {
    showError(e);
  }
  // How long the switch took (data fetched and drawn); read by the window benchmark.
  document.body.dataset.renderMs = (performance.now() - t0).toFixed(1);
  document.body.dataset.ready = name;
}

for (const b of $$('[data-screen]')) b.addEventListener('click', () => go(b.dataset.screen));

// The counts in the header (and the first start's notice); the app's facts.
export async function refreshHeader() {
  const info = await api.appInfo();
  if (info.problem) { showOpenProblem(info.problem.message); return info; }
  const c = info.counts;
  tid('header-counts').textContent = `${plural(c.candidates, 'candidate')} · ${plural(c.interviewers, 'interviewer')}`;
  if (info.notice) showNotice(info.notice);
  return info;
}
