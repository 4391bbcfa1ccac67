// The plan editor's pickers: beside a round's "who" field, a count and a pool (or a
// person found by name, or seats for trainees of a pool); beside its "after" field, an
// earlier round and the least (and largest) gap. Each adds to the field the text the
// core writes for it (`2 from backend`, `@ivr-003`, `+1 trainee from backend`,
// `technical 15m-4h`), the same text a coordinator may type, so nobody has to learn the
// syntax and the keyboard still works.
import { api } from '../api.js';
import { $, el } from '../dom.js';
import { onChange, facts, PEOPLE } from '../state.js';
import { debounce } from '../widgets.js';

// The pools of the stored interviewers (asked when a "who" picker first opens).
let pools = null;
onChange([PEOPLE], () => { pools = null; });

let open = null;

function close() {
  if (!open) return;
  open.box.remove();
  open.button.setAttribute('aria-expanded', 'false');
  open = null;
}

// A button that opens `fill(box, add)` under `input`; `add(piece)` asks the core for
// the piece's text and appends it to the field.
export function pickerButton(input, testid, label, fill) {
  const button = el('button', {
    type: 'button', class: 'pick', 'data-testid': testid, 'aria-label': label, title: label,
    'aria-haspopup': 'dialog', 'aria-expanded': 'false', text: '+',
  });
  button.addEventListener('click', async () => {
    const again = open && open.button === button;
    close();
    if (again) return;
    const box = el('div', { class: 'plan-picker card', role: 'dialog', 'aria-label': label, 'data-testid': 'plan-picker' });
    const error = el('p', { class: 'field-error', role: 'alert', 'data-testid': 'picker-error', hidden: true });
    const add = async (piece) => {
      try {
        const text = await api.planPhrase(piece);
        input.value = input.value.trim() ? `${input.value.trim()}, ${text}` : text;
        close();
        input.focus();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      }
    };
    open = { box, button };
    button.setAttribute('aria-expanded', 'true');
    button.parentElement.append(box);
    await fill(box, add);
    box.append(error);
    box.scrollIntoView({ block: 'nearest' });
    const first = $('input, select, button', box);
    if (first) first.focus();
  });
  return button;
}

// Who: `count` from a pool, or one person by name.
export async function fillWho(box, add) {
  if (!pools) pools = await api.planPools();
  const count = el('input', { type: 'number', min: '1', value: '1', class: 'tiny', 'aria-label': 'How many', 'data-testid': 'picker-count' });
  const pool = el('select', { 'aria-label': 'From the pool', 'data-testid': 'picker-pool' }, pools.map((p) => el('option', { value: p, text: p })));
  const found = el('div', { class: 'picks', 'data-testid': 'picker-people' });
  const search = el('input', { type: 'search', placeholder: 'a name…', autocomplete: 'off', 'aria-label': 'A person by name', 'data-testid': 'picker-person-search' });
  search.addEventListener('input', debounce(async () => {
    const q = search.value.trim();
    const page = q ? await api.interviewers(q, 0) : { people: [] };
    found.replaceChildren(...page.people.slice(0, 6).map((p) => el('button', {
      type: 'button', 'data-testid': `picker-person-${p.id}`, text: `${p.name} · ${p.place}`,
      onclick: () => add({ need: { person: p.id } }),
    })));
    box.scrollIntoView({ block: 'nearest' });
  }));
  box.append(
    el('div', { class: 'picker-line' }, count, ' from ', pools.length ? pool : el('span', { class: 'hint', text: 'no pools yet (give interviewers pools in People)' }),
      el('button', { type: 'button', 'data-testid': 'picker-add-need', disabled: !pools.length, text: 'Add', onclick: () => add({ need: { pool: { pool: pool.value, count: Math.max(0, Math.round(Number(count.value))) } } }) })),
    el('div', { class: 'picker-line' }, 'or the person ', search),
    found,
    traineeLine(add),
  );
}

// Seats a round offers to trainees of a pool (`+1 trainee from backend`): the engine
// fills them when a trainee is free, never moving the round for them.
function traineeLine(add) {
  const count = el('input', { type: 'number', min: '1', value: '1', class: 'tiny', 'aria-label': 'How many trainees', 'data-testid': 'picker-trainee-count' });
  const pool = el('select', { 'aria-label': 'Trainees from the pool', 'data-testid': 'picker-trainee-pool' }, pools.map((p) => el('option', { value: p, text: p })));
  return el('div', { class: 'picker-line' }, 'and +', count, ' trainee(s) from ', pools.length ? pool : el('span', { class: 'hint', text: 'no pools yet' }),
    el('button', { type: 'button', 'data-testid': 'picker-add-trainee', disabled: !pools.length, text: 'Add', onclick: () => add({ trainee: { pool: pool.value, count: Math.max(0, Math.round(Number(count.value))) } }) }));
}

// A gap as an amount and a unit (the units from the core); `optional` allows no amount.
function gapInputs(name, value, optional) {
  const amount = el('input', { type: 'number', min: '0', value, class: 'tiny', 'aria-label': `${name}: how many`, 'data-testid': `picker-${name}` });
  if (optional) amount.placeholder = 'none';
  const unit = el('select', { 'aria-label': `${name}: unit`, 'data-testid': `picker-${name}-unit` },
    facts.gap_units.map((u) => el('option', { value: String(u.minutes), text: u.name })));
  unit.value = String(facts.gap_units[facts.gap_units.length - 1].minutes);
  const minutes = () => (amount.value === '' ? null : Math.max(0, Math.round(Number(amount.value) * Number(unit.value))));
  return { nodes: [amount, unit], minutes };
}

// After: a round of the plan (from `rounds`, the plan as edited, without `self`) with
// the least gap and, if given, the largest.
export function fillAfter(rounds, self) {
  return (box, add) => {
    const others = rounds.filter((r, i) => i !== self && r.id.trim());
    if (!others.length) {
      box.append(el('p', { class: 'hint', text: 'Give the other rounds an id (or save the plan) to choose one here.' }));
      return;
    }
    const round = el('select', { 'aria-label': 'The round before', 'data-testid': 'picker-round' },
      others.map((r) => el('option', { value: r.id.trim(), text: `${r.name || r.id} (${r.id.trim()})` })));
    const least = gapInputs('min', '0', false);
    const most = gapInputs('max', '', true);
    box.append(
      el('div', { class: 'picker-line' }, 'after ', round),
      el('div', { class: 'picker-line' }, 'at least ', ...least.nodes),
      el('div', { class: 'picker-line' }, 'at most ', ...most.nodes),
      el('button', {
        type: 'button', 'data-testid': 'picker-add-after', text: 'Add',
        onclick: () => add({ after: { round: round.value, min_gap_minutes: least.minutes() ?? 0, max_gap_minutes: most.minutes() } }),
      }),
    );
  };
}

// Escape or a click elsewhere closes the picker.
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && open) { const b = open.button; close(); b.focus(); }
});
document.addEventListener('pointerdown', (ev) => {
  if (open && !open.box.contains(ev.target) && !open.button.contains(ev.target)) close();
});

// The editor is drawn again (a round added or removed, another plan): no picker stays.
export { close as closePicker };
