// Date fields in the person's date style (22/11/2026, 22.11.2026, 2026-11-22 or
// 11/22/2026: their locale's, or the one chosen in Settings), whatever the web view's
// own locale. The text is read and written by the core; a calendar button beside each
// field opens the month the core lays out. Commands get the date as `YYYY-MM-DD`.
import { api } from './api.js';
import { $, $$, el } from './dom.js';
import { facts } from './state.js';

const STYLE_KEY = 'rondo-date-style';

// The style dates are shown in: the one chosen in Settings, else the locale's.
export function dateStyle() {
  const chosen = localStorage.getItem(STYLE_KEY);
  return chosen && facts.date_styles.some((s) => s.id === chosen) ? chosen : facts.system_date_style;
}

// What Settings shows as chosen: a style's id, or 'system'.
export function dateStyleChoice() {
  return localStorage.getItem(STYLE_KEY) || 'system';
}

// The current style's example date (`22/11/2026`), the fields' placeholder.
const example = () => facts.date_styles.find((s) => s.id === dateStyle())?.example || '';

const fields = new Set();

// Keeps `choice` ('system' or a style's id) and writes every date field in it again.
export async function chooseDateStyle(choice) {
  if (choice === 'system') localStorage.removeItem(STYLE_KEY);
  else localStorage.setItem(STYLE_KEY, choice);
  for (const f of [...fields]) {
    if (!f.input.isConnected) fields.delete(f);
    else await f.set(f.date);
  }
}

// One picker for the whole window, opened under the field it serves.
const picker = el('div', { class: 'datepicker card', role: 'dialog', 'data-testid': 'date-picker', hidden: true });
let serving = null;

export class DateField {
  // Makes `input` (a text input) a date field named `label` in messages, with a
  // calendar button and a place for its error.
  constructor(input, label) {
    this.input = input;
    this.label = label;
    this.date = '';
    this.shown = '';
    const id = input.dataset.testid;
    input.type = 'text';
    input.autocomplete = 'off';
    input.classList.add('date');
    this.button = el('button', {
      type: 'button', class: 'pick', 'data-testid': `${id}-pick`, 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
      'aria-label': `Pick ${label.toLowerCase()} in a calendar`, title: 'Pick a day in a calendar', text: '▦',
      onclick: () => (serving === this ? close() : this.open()),
    });
    this.error = el('span', { class: 'field-error', role: 'alert', 'data-testid': `${id}-error`, hidden: true });
    this.box = el('span', { class: 'datefield' });
    input.replaceWith(this.box);
    this.box.append(input, this.button, this.error);
    input.addEventListener('change', () => this.value());
    input.addEventListener('focus', () => { input.placeholder = example(); });
    fields.add(this);
  }

  // Shows `date` (`YYYY-MM-DD`, or '' for none) in the current style.
  async set(date) {
    this.date = date || '';
    this.input.placeholder = example();
    this.shown = this.date ? (await api.dateText(this.date, dateStyle(), this.label)).text : '';
    this.input.value = this.shown;
    this.showError(null);
  }

  // The date typed or picked (`YYYY-MM-DD`), read by the core; null (with the reason
  // shown beside the field) when the text is not a date.
  async value() {
    if (this.input.value === this.shown && this.date) return this.date;
    try {
      const read = await api.dateText(this.input.value, dateStyle(), this.label);
      this.date = read.date;
      this.shown = read.text;
      this.input.value = read.text;
      this.showError(null);
      return this.date;
    } catch (e) {
      this.showError(e);
      return null;
    }
  }

  showError(e) {
    this.error.hidden = !e;
    this.error.textContent = e ? e.message : '';
    if (e) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
  }

  async open(shown) {
    const month = await api.dateMonth(shown || this.date, this.date, dateStyle());
    serving = this;
    this.button.setAttribute('aria-expanded', 'true');
    picker.setAttribute('aria-label', `${this.label}: ${month.title}`);
    const nav = (text, testid, to, label) => el('button', { type: 'button', 'data-testid': testid, 'aria-label': label, text, onclick: () => this.open(to) });
    picker.replaceChildren(
      el('div', { class: 'dp-head' },
        nav('‹', 'date-prev', month.previous, 'The month before'),
        el('strong', { 'data-testid': 'date-month', text: month.title }),
        nav('›', 'date-next', month.next, 'The month after')),
      el('table', { role: 'grid' },
        el('thead', {}, el('tr', {}, month.weekdays.map((w) => el('th', { scope: 'col', text: w })))),
        el('tbody', {}, month.weeks.map((week) => el('tr', {}, week.map((d) => el('td', {}, el('button', {
          type: 'button', class: [d.in_month ? '' : 'other', d.today ? 'today' : ''].join(' ').trim() || null,
          'data-testid': `date-${d.date}`, 'aria-label': d.label, 'aria-pressed': String(d.chosen),
          onclick: () => this.pick(d), text: String(d.day),
        }))))))),
    );
    this.box.append(picker);
    picker.hidden = false;
    const focus = $('[aria-pressed="true"]', picker) || $('.today', picker) || $('tbody button:not(.other)', picker);
    if (focus) focus.focus();
  }

  pick(day) {
    this.date = day.date;
    this.shown = day.text;
    this.input.value = day.text;
    this.showError(null);
    close();
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function close() {
  if (!serving) return;
  const field = serving;
  serving = null;
  picker.hidden = true;
  field.button.setAttribute('aria-expanded', 'false');
  if (picker.contains(document.activeElement)) field.button.focus();
}

// Keyboard in the picker: arrows move a day or a week, Page Up/Down a month, Escape closes.
picker.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') { ev.preventDefault(); close(); return; }
  if (ev.key === 'PageUp' || ev.key === 'PageDown') {
    ev.preventDefault();
    $(`[data-testid="date-${ev.key === 'PageUp' ? 'prev' : 'next'}"]`, picker).click();
    return;
  }
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[ev.key];
  const days = $$('tbody button', picker);
  const at = days.indexOf(document.activeElement);
  if (!step || at < 0) return;
  ev.preventDefault();
  const to = days[at + step];
  if (to) to.focus();
});

// A click elsewhere closes the picker.
document.addEventListener('pointerdown', (ev) => {
  if (serving && !picker.contains(ev.target) && !serving.button.contains(ev.target)) close();
});
