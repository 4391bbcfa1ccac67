// Help → About: Rondo's version, where its data and its log are, and the licences of
// the crates it is built from (listed by the build, shown here as the core gives them).
import { api } from './api.js';
import { el, tid } from './dom.js';
import { attempt } from './feedback.js';

// One <details> per licence: the licence and how many crates use it, then their names.
function licenceGroup(group) {
  return el('details', { 'data-licence': group.licence },
    el('summary', { text: `${group.licence} — ${group.crates.length}` }),
    el('p', { text: group.crates.join(', ') }));
}

async function showAbout() {
  tid('help-menu').open = false;
  const a = await attempt(() => api.about());
  if (!a) return;
  tid('about-version').textContent = `${a.version} (${a.licence})`;
  tid('about-data').textContent = a.data_dir;
  tid('about-log').textContent = a.log_file;
  tid('about-crates').textContent = `Rondo is built from ${a.crate_count} open-source crates, under these licences:`;
  tid('about-licences').replaceChildren(...a.licences.map(licenceGroup));
  tid('about').showModal();
}

tid('help-about').addEventListener('click', showAbout);
tid('about-close').addEventListener('click', () => tid('about').close());
