// Rondo's window: the entry module. Every time, label and layout comes from the core
// through api.js; the screens (one module each under screens/) only put them on screen
// and turn pointer movements into whole slots. Long lists (10,000 candidates, 500
// people) are shown a page at a time, filtered by the core.
import { api } from './api.js';
import { showError } from './feedback.js';
import { go, refreshHeader } from './nav.js';
import { loadFacts } from './state.js';
import './screens/pipeline.js';
import './screens/candidate.js';
import './screens/people.js';
import './screens/team.js';
import './screens/plans.js';
import './screens/schedule.js';
import './screens/hiring-day.js';
import './screens/settings.js';
import './about.js';
import { watchOpenedFiles } from './opened.js';

// A failure no screen caught (a rejected promise in an event handler) is still shown in
// words: a click must never be lost without a trace.
window.addEventListener('unhandledrejection', (ev) => showError(ev.reason));
window.addEventListener('error', (ev) => showError(ev.error || ev.message));

// The header first (it says when the data cannot be opened), then the core's constants,
// then the first screen; once it is drawn, note how long after the process start that was.
refreshHeader()
  .then(async (info) => {
    if (info.problem) return info;
    await loadFacts();
    await go('pipeline');
    // A file opened with Rondo (at the start, or handed over later) asks whose it is.
    watchOpenedFiles();
    return api.appInfo();
  })
  .then((info) => { document.body.dataset.launchMs = String(info.uptime_ms); })
  .catch(showError);
