// Importing an interviewer's calendar (from the button on their row, or an .ics file
// dropped on it): progress while the core reads it, then a summary of what was read and
// what was skipped, with why.
import { api } from '../api.js';
import { el, plural, tid } from '../dom.js';
import { say } from '../feedback.js';
import { changed, PEOPLE } from '../state.js';

// Runs `run` (the import command) for `person`, shows its progress and summary, and
// then `after()` (People draws its rows again).
export async function importCalendar(person, run, after) {
  const panel = tid('import-panel');
  panel.hidden = false;
  tid('import-summary').replaceChildren();
  tid('import-bar').value = 0;
  tid('import-step').textContent = `Importing the calendar of ${person.name}…`;
  try {
    const s = await run();
    changed(PEOPLE);
    tid('import-bar').value = 100;
    tid('import-step').textContent = `Calendar of ${s.name} imported from ${s.file} (as their calendar “${s.source}”).`;
    tid('import-summary').replaceChildren(...[
      el('p', { 'data-testid': 'import-counts', text: `${s.events} events read, ${s.occurrences} occurrences from ${s.dates}, ${s.busy_hours} busy hours in ${s.busy_blocks} blocks.` }),
      s.skipped.length ? el('p', { text: `${plural(s.skipped.length, 'event')} skipped:` }) : null,
      s.skipped.length ? el('ul', { 'data-testid': 'import-skipped' }, s.skipped.map((k) => el('li', { text: k }))) : null,
      s.warnings.length ? el('p', { text: `Imported with ${plural(s.warnings.length, 'caveat')}:` }) : null,
      s.warnings.length ? el('ul', { class: 'hint' }, s.warnings.map((k) => el('li', { text: k }))) : null,
    ].filter(Boolean));
    await after();
    say(`Calendar of ${s.name} imported.`);
  } catch (e) {
    // The failure belongs to this panel (what was not imported, and why), not the banner.
    if (e.code === 'cancelled') { panel.hidden = true; return; }
    tid('import-step').textContent = 'The calendar was not imported.';
    tid('import-summary').replaceChildren(el('p', { class: 'field-error', 'data-testid': 'import-error', text: e.message }));
  }
}

api.onImportProgress((p) => {
  tid('import-bar').value = p.percent;
  tid('import-step').textContent = p.step;
});
