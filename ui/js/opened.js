// A file opened with Rondo (from the file manager, or handed over by a second start while
// this window runs): ask whose calendar it is, then hand it to People's import. The core
// keeps the file; this page only ever knows its name.
import { api } from './api.js';
import { el, tid } from './dom.js';
import { attempt } from './feedback.js';
import { go } from './nav.js';
import { debounce } from './widgets.js';
import { importCalendar } from './screens/calendar-import.js';

// Fills the list of interviewers matching the search (the first page of them).
async function listPeople() {
  const page = await api.interviewers(tid('opened-search').value, 0);
  tid('opened-person').replaceChildren(...page.people.map((p) => el('option', {
    value: p.id, 'data-name': p.name, text: `${p.name} — ${p.place}`,
  })));
  if (page.people.length) tid('opened-person').selectedIndex = 0;
  tid('opened-import').disabled = !page.people.length;
}

// Shows the question for `opened` ({name}, or null when no file waits).
async function ask(opened) {
  if (!opened) return;
  tid('opened-name').textContent = opened.name;
  tid('opened-search').value = '';
  await attempt(async () => {
    await listPeople();
    if (!tid('opened-file').open) tid('opened-file').showModal();
    tid('opened-search').focus();
  });
}

tid('opened-search').addEventListener('input', debounce(() => attempt(listPeople)));
tid('opened-import').addEventListener('click', async () => {
  const option = tid('opened-person').selectedOptions[0];
  if (!option) return;
  tid('opened-file').close();
  const person = { id: option.value, name: option.dataset.name };
  await go('people');
  await importCalendar(person, () => api.importOpenedCalendar(person.id), () => go('people'));
});
tid('opened-later').addEventListener('click', () => {
  tid('opened-file').close();
  attempt(() => api.dismissOpenedFile());
});

// Once the window is up: a file it was started with, and any handed over later.
export function watchOpenedFiles() {
  api.onFileOpened((opened) => ask(opened));
  attempt(async () => ask(await api.openedFile()));
}
