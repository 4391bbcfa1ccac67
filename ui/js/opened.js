// A file opened with Rondo (from the file manager, or handed over by a second start while
// this window runs): ask what it is for, then hand it to the import. The core keeps the
// file; this page only ever knows its name.
import { api } from './api.js';

const tid = (id) => document.querySelector(`[data-testid="${id}"]`);

let actions = null;
let searchTimer = null;

// Fills the list of interviewers matching the search (the first page of them).
async function listPeople() {
  const page = await api.interviewers(tid('opened-search').value, 0);
  tid('opened-person').replaceChildren(...page.people.map((p) => {
    const o = document.createElement('option');
    o.value = p.id;
    o.textContent = `${p.name} — ${p.place}`;
    o.dataset.name = p.name;
    return o;
  }));
  if (page.people.length) tid('opened-person').selectedIndex = 0;
  tid('opened-import').disabled = !page.people.length;
}

async function ask(opened) {
  if (!opened) return;
  tid('opened-name').textContent = opened.name;
  tid('opened-search').value = '';
  try {
    await listPeople();
    if (!tid('opened-file').open) tid('opened-file').showModal();
    tid('opened-search').focus();
  } catch (e) { actions.showError(e); }
}

// `handlers.importAsCalendar(person)` imports the waiting file as `person`'s calendar;
// `handlers.showError(e)` shows a failure.
export function watchOpenedFiles(handlers) {
  actions = handlers;
  tid('opened-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => listPeople().catch(actions.showError), 150);
  });
  tid('opened-import').addEventListener('click', () => {
    const option = tid('opened-person').selectedOptions[0];
    if (!option) return;
    tid('opened-file').close();
    actions.importAsCalendar({ id: option.value, name: option.dataset.name });
  });
  tid('opened-later').addEventListener('click', () => {
    tid('opened-file').close();
    api.dismissOpenedFile().catch(actions.showError);
  });
  api.onFileOpened(ask);
  api.openedFile().then(ask).catch(actions.showError);
}
