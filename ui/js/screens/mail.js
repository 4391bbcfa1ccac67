// Settings → Mail and the outbox: the outgoing account (the password goes to the
// system keyring through the core, never into the page's storage), a test message, and
// every message queued with where it stands, why it waits or failed, and Retry.
import { api } from '../api.js';
import { el, plural, tid } from '../dom.js';
import { attempt, say } from '../feedback.js';

export async function showMail() {
  showAccount(await api.mailSettings());
  await showOutbox();
}

function showAccount(m) {
  const f = tid('mail-form').elements;
  f.host.value = m.host;
  f.port.value = m.on ? m.port : '';
  f.security.value = m.security;
  f.user.value = m.user;
  f.password.value = '';
  tid('mail-hint').textContent = m.on
    ? `Invites, updates and cancellations are e-mailed from ${m.from} through ${m.host}:${m.port}. Replies come back to ${m.from}: import them on the candidate's page.`
    : `Invites are written into folders only. Set up the account that sends mail from ${m.from} (Invites come from, above) to e-mail them.`;
  tid('mail-off').hidden = !m.on;
  tid('mail-test').hidden = !m.on;
}

function delivered(d) {
  const parts = [`${plural(d.sent, 'message')} sent`];
  if (d.will_retry) parts.push(`${d.will_retry} to try again later`);
  if (d.failed.length) parts.push(`${d.failed.length} failed: see the outbox`);
  return `${parts.join(', ')}.`;
}

export async function showOutbox() {
  const lines = await api.outbox();
  tid('outbox-table').tBodies[0].replaceChildren(...(lines.length ? lines.map((m) => el('tr', { 'data-testid': 'outbox-row', 'data-state': m.state, 'data-method': m.method },
    el('td', {}, el('span', { class: `badge ${m.state}`, text: m.state }), m.attempts > 1 ? ` (${m.attempts} tries)` : ''),
    el('td', { text: m.subject }),
    el('td', { text: m.to.join(', ') }),
    el('td', { class: 'why', text: m.why || '' }),
    el('td', {}, m.state === 'failed' || m.state === 'waiting'
      ? el('button', { type: 'button', 'data-testid': 'outbox-retry', onclick: () => retry(m.id), text: 'Retry' }) : null),
  )) : [el('tr', {}, el('td', { colspan: '5', text: 'Nothing was e-mailed yet.' }))]));
}

async function retry(id) {
  await attempt(async () => {
    say(delivered(await api.retryMail(id)));
    await showOutbox();
  });
}

tid('mail-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const form = {
    host: f.host.value, port: f.port.value === '' ? null : Number(f.port.value),
    security: f.security.value, user: f.user.value, password: f.password.value,
  };
  await attempt(async () => {
    showAccount(await api.saveMail(form));
    say(`Invites are e-mailed through ${form.host.trim()} from now on.`);
  }, 'mail-error');
});

tid('mail-test').addEventListener('click', () => attempt(async () => {
  say('Sending a test message…');
  const to = await api.sendTestMail();
  say(`A test message went to ${to}: check that it arrived.`);
}, 'mail-error'));

tid('mail-off').addEventListener('click', () => attempt(async () => {
  showAccount(await api.mailOff());
  say('Invites are no longer e-mailed; what is queued stays in the outbox.');
}));

tid('outbox-send').addEventListener('click', () => attempt(async () => {
  say(delivered(await api.sendMailNow()));
  await showOutbox();
}));
tid('outbox-retry-all').addEventListener('click', () => retry(null));
tid('outbox-refresh').addEventListener('click', () => attempt(showOutbox));
