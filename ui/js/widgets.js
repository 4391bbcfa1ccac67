// Small controls several screens use: a debounced input handler, a pager over a list
// the core filters and pages, the plan menus, the zone suggestions, the card of
// written invites.
import { $, el, tid } from './dom.js';
import { attempt } from './feedback.js';
import { facts, planList, zoneNames } from './state.js';

// `handler(event)` once typing has paused for `ms`.
export function debounce(handler, ms = 150) {
  let timer = null;
  return (ev) => {
    clearTimeout(timer);
    timer = setTimeout(() => handler(ev), ms);
  };
}

// A page of a long list: "51–100 of 812" and Previous / Next buttons (test ids
// `<name>-range`, `<name>-prev`, `<name>-next`). `load()` fetches and draws the page at
// `offset`; it runs again when the coordinator turns a page.
export class Pager {
  constructor(name, load) {
    this.name = name;
    this.offset = 0;
    tid(`${name}-prev`).addEventListener('click', () => this.turn(-1));
    tid(`${name}-next`).addEventListener('click', () => this.turn(1));
    this.load = load;
  }

  // Back to the first page (a new search, a new filter, new data).
  reset() { this.offset = 0; }

  turn(pages) {
    this.offset = Math.max(0, this.offset + pages * facts.page_size);
    return attempt(this.load);
  }

  // Shows where `shown` rows of `matched` sit.
  show(shown, matched) {
    const end = Math.min(this.offset + shown, matched);
    tid(`${this.name}-range`).textContent = matched ? `${this.offset + 1}–${end} of ${matched}` : '0 of 0';
    tid(`${this.name}-prev`).disabled = this.offset === 0;
    tid(`${this.name}-next`).disabled = end >= matched;
  }
}

// Fills a <select> with the plans (and an empty choice named `none`, when given).
export async function planMenu(select, chosen, none) {
  const plans = await planList();
  select.replaceChildren(
    ...(none ? [el('option', { value: '', text: none })] : []),
    ...plans.map((p) => el('option', { value: p.id, text: `${p.job || 'No job'} — ${p.name}` })),
  );
  select.value = chosen || '';
}

// The zone fields' suggestions (one list for every zone field), filled once.
export async function zoneSuggestions() {
  const list = $('#zones');
  if (list.options.length) return;
  list.replaceChildren(...(await zoneNames()).map((z) => el('option', { value: z })));
}

// The pages of the window that show written invites: what was written, and where;
// what reading stale calendars first said; whether each interview reached the team's
// calendar server (when one is set).
export function showSent(card, sent, what) {
  const id = card.dataset.testid;
  const notes = sent.calendars || [];
  const onServer = sent.bookings.filter((b) => b.server);
  card.hidden = false;
  card.replaceChildren(
    notes.length ? el('ul', { class: 'calendar-notes hint', 'data-testid': `${id}-calendars` }, notes.map((n) => el('li', { text: n }))) : '',
    el('p', { 'data-testid': `${id}-text` }, el('strong', { text: what }), ` ${sent.files.length} files written to ${sent.folder} (sequence ${sent.sequence}):`),
    el('ul', { class: 'files' }, sent.files.map((f) => el('li', { text: f }))),
    onServer.length ? el('ul', { class: 'plain', 'data-testid': `${id}-server` }, onServer.map((b) => el('li', { 'data-testid': `${id}-server-${b.round_id}`, text: `${b.round}: ${b.server}` }))) : '',
  );
}
