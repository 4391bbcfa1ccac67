// Help → About: Rondo's version, where its data and its log are, and the licences of
// the crates it is built from (listed by the build, shown here as the core gives them).
import { api } from './api.js';

const tid = (id) => document.querySelector(`[data-testid="${id}"]`);

function text(tag, value) {
  const e = document.createElement(tag);
  e.textContent = value;
  return e;
}

// One <details> per licence: the licence and how many crates use it, then their names.
function licenceGroup(group) {
  const box = document.createElement('details');
  box.dataset.licence = group.licence;
  box.append(text('summary', `${group.licence} — ${group.crates.length}`));
  box.append(text('p', group.crates.join(', ')));
  return box;
}

async function showAbout() {
  tid('help-menu').open = false;
  try {
    const a = await api.about();
    tid('about-version').textContent = `${a.version} (${a.licence})`;
    tid('about-data').textContent = a.data_dir;
    tid('about-log').textContent = a.log_file;
    tid('about-crates').textContent = `Rondo is built from ${a.crate_count} open-source crates, under these licences:`;
    tid('about-licences').replaceChildren(...a.licences.map(licenceGroup));
    tid('about').showModal();
  } catch (e) {
    tid('status').textContent = e.message;
  }
}

tid('help-about').addEventListener('click', showAbout);
tid('about-close').addEventListener('click', () => tid('about').close());
