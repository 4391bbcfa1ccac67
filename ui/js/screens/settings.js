// Settings: where the data lives, who invites come from, the mail account and the
// outbox (mail.js), the theme and the way dates
// are written, and the data as a whole (backup, restore, clear, the example team
// again: each asked first).
import { api } from '../api.js';
import { el, plural, tid } from '../dom.js';
import { attempt, confirmThen, say } from '../feedback.js';
import { refreshHeader, register } from '../nav.js';
import { chooseDateStyle, dateStyleChoice } from '../datefield.js';
import { changed, facts, EVERYTHING } from '../state.js';
import { showMail } from './mail.js';
import { showCalendars } from './calendars.js';

async function show() {
  const info = await refreshHeader();
  tid('data-dir').textContent = info.data_dir;
  const c = info.counts;
  tid('settings-counts').textContent = `${plural(c.interviewers, 'interviewer')}, ${plural(c.candidates, 'candidate')}, ${plural(c.plans, 'plan')}, ${plural(c.bookings, 'booking')}`;
  tid('version').textContent = info.version;
  showDateStyles();
  showOrganizer(await api.settings());
  await showMail();
  await showCalendars();
}

register('settings', show);

// How dates are written: this computer's way (its locale), or one chosen here.
function showDateStyles() {
  const select = tid('date-style');
  if (select.options.length) return;
  const system = facts.date_styles.find((s) => s.id === facts.system_date_style);
  select.replaceChildren(
    el('option', { value: 'system', text: `As this computer writes them: ${system.example}` }),
    ...facts.date_styles.map((s) => el('option', { value: s.id, text: `${s.example} (${s.order})` })),
  );
  select.value = dateStyleChoice();
}

tid('date-style').addEventListener('change', (ev) => attempt(async () => {
  await chooseDateStyle(ev.target.value);
  say('Dates are written the new way.');
}));

function showOrganizer(s) {
  const form = tid('organizer-form');
  form.elements.name.value = s.organizer_name;
  form.elements.email.value = s.organizer_email;
  tid('organizer-hint').textContent = s.organizer_set
    ? 'Calendars show this name on every invite and send the replies to this address.'
    : 'Invites still name a placeholder organizer. Enter your own name and e-mail: calendars show them on every invite and send the replies there.';
}

tid('organizer-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  await attempt(async () => {
    showOrganizer(await api.setOrganizer(f.name.value, f.email.value));
    say(`Invites will come from ${f.email.value.trim()}.`);
  }, 'organizer-error');
});

// Everything stored was replaced: every screen starts afresh.
async function replaced(what) {
  changed(EVERYTHING);
  await show();
  say(what);
}

tid('export-data').addEventListener('click', () => attempt(async () => {
  say(`Backup saved to ${await api.exportData()}.`);
}));

tid('import-data').addEventListener('click', () => {
  confirmThen('Restore a backup? Everything stored now is replaced by the backup.', 'Choose a backup and replace everything', async () => {
    await api.importData();
    await replaced('The backup was restored.');
  });
});

tid('clear-data').addEventListener('click', () => attempt(async () => {
  const c = (await api.appInfo()).counts;
  confirmThen(`Clear everything? ${plural(c.interviewers, 'interviewer')}, ${plural(c.candidates, 'candidate')}, ${plural(c.plans, 'plan')} and ${plural(c.bookings, 'booking')} are deleted for good (save a backup first if you may need them).`, 'Delete everything', async () => {
    await api.clearData();
    await replaced('Everything was cleared: add your team in People and your plans in Plans.');
  });
}));

tid('load-example').addEventListener('click', () => {
  confirmThen('Load the example team again? Everything stored now is replaced by the example.', 'Replace everything by the example', async () => {
    await api.loadExample();
    await replaced('The example team is loaded.');
  });
});

// The theme: the system's (following its changes), or light or dark, kept in this window.
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let themeChoice = 'system';
function setTheme(theme) {
  themeChoice = theme;
  const dark = theme === 'dark' || (theme === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
systemDark.addEventListener('change', () => setTheme(themeChoice));
tid('theme').addEventListener('change', (ev) => {
  localStorage.setItem('rondo-theme', ev.target.value);
  setTheme(ev.target.value);
});
setTheme(localStorage.getItem('rondo-theme') || 'system');
tid('theme').value = localStorage.getItem('rondo-theme') || 'system';
