// Plans: a job's rounds (name, length, who sits in them, what comes before with what
// gap) and same-day groups, edited as a table; new plans start from the core's
// templates. The core reads every field and refuses a plan that does not hold.
import { api } from '../api.js';
import { $, $$, el, plural, tid } from '../dom.js';
import { attempt, confirmThen, fieldError, say } from '../feedback.js';
import { register } from '../nav.js';
import { planList, plansChanged } from '../state.js';
import { closePicker, fillAfter, fillWho, pickerButton } from './plan-pickers.js';

// The plan chosen in the menu, and its form as edited (not saved yet).
const plans = { chosen: null, form: null, list: [] };

async function show() {
  if (!$('option', tid('plan-template'))) {
    const t = await api.planTemplates();
    tid('plan-template').replaceChildren(...t.map(([id, name]) => el('option', { value: id, text: name })));
  }
  render(await planList());
}

register('plans', show);

function render(list) {
  plans.list = list;
  const sel = tid('plan-select');
  sel.replaceChildren(...list.map((p) => el('option', { value: p.id, text: `${p.job || 'No job'} — ${p.name}` })));
  if (!list.some((p) => p.id === plans.chosen)) plans.chosen = list.length ? list[0].id : null;
  sel.value = plans.chosen || '';
  const plan = list.find((p) => p.id === plans.chosen);
  tid('plan-form').hidden = !plan;
  if (plan) edit(structuredClone(plan));
}

// A field of the small text language with its picker beside it.
function withPicker(input, testid, label, fill) {
  return el('div', { class: 'with-picker' }, input, pickerButton(input, testid, label, fill));
}

function edit(plan) {
  closePicker();
  plans.form = plan;
  const f = tid('plan-form').elements;
  f.name.value = plan.name;
  f.job.value = plan.job;
  f.sameday.value = plan.same_day;
  tid('plan-candidates').textContent = `${plural(plan.candidates, 'candidate')} in this plan.`;
  fieldError('plan-error', null);
  $('tbody', tid('plan-table')).replaceChildren(...plan.rounds.map((r, i) => el('tr', { 'data-testid': `round-row-${r.id || i}` },
    el('td', { text: String(i + 1) }),
    el('td', {}, el('input', { value: r.name, 'aria-label': `Name of round ${i + 1}`, 'data-field': 'name', 'data-testid': `round-name-${i}` })),
    el('td', {}, el('input', { value: r.id, class: 'narrow', 'aria-label': `Id of round ${i + 1} (used in After and Same day)`, 'data-field': 'id', 'data-testid': `round-id-${i}` })),
    el('td', {}, el('input', { type: 'number', min: '5', step: '5', value: String(r.duration_minutes), class: 'narrow', 'aria-label': `Length of round ${i + 1} in minutes`, 'data-field': 'duration_minutes', 'data-testid': `duration-${r.id || i}` })),
    el('td', { class: 'picked' }, withPicker(
      el('input', { value: r.needs, 'aria-label': `Who round ${i + 1} needs`, 'data-field': 'needs', 'data-testid': `needs-${i}` }),
      `who-pick-${i}`, `Add who round ${i + 1} needs`, fillWho)),
    el('td', { class: 'picked' }, withPicker(
      el('input', { value: r.after, 'aria-label': `Rounds that come before round ${i + 1}`, 'data-field': 'after', 'data-testid': `after-${i}` }),
      `after-pick-${i}`, `Add a round that comes before round ${i + 1}`, (box, add) => fillAfter(read().rounds, i)(box, add))),
    el('td', {}, el('button', { type: 'button', 'aria-label': `Remove round ${i + 1}, ${r.name}`, 'data-testid': `remove-round-${r.id || i}`, onclick: () => { read(); plans.form.rounds.splice(i, 1); edit(plans.form); }, text: 'Remove' })),
  )));
}

// The form's current values into plans.form.
function read() {
  const f = tid('plan-form').elements;
  const p = plans.form;
  p.name = f.name.value;
  p.job = f.job.value;
  p.same_day = f.sameday.value;
  for (const [i, tr] of $$('tbody tr', tid('plan-table')).entries()) {
    for (const input of $$('input[data-field]', tr)) {
      const k = input.dataset.field;
      p.rounds[i][k] = k === 'duration_minutes' ? Number(input.value) : input.value;
    }
  }
  return p;
}

tid('plan-select').addEventListener('change', (ev) => { plans.chosen = ev.target.value; render(plans.list); });
tid('plan-add-round').addEventListener('click', () => {
  read();
  plans.form.rounds.push({ id: '', name: '', duration_minutes: 60, needs: '', after: '' });
  edit(plans.form);
  tid(`round-name-${plans.form.rounds.length - 1}`).focus();
});
tid('plan-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  await attempt(async () => {
    render(plansChanged(await api.savePlan(read())));
    say('The plan is saved.');
  }, 'plan-error');
});
tid('plan-create').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  await attempt(async () => {
    const before = new Set(plans.list.map((p) => p.id));
    const list = plansChanged(await api.createPlan(f.template.value, f.job.value));
    const made = list.find((p) => !before.has(p.id));
    if (made) plans.chosen = made.id;
    render(list);
    say(`A new plan for ${f.job.value} is ready to edit.`);
  });
});
tid('plan-delete').addEventListener('click', () => {
  const p = plans.form;
  confirmThen(`Delete the plan ${p.name}? Its rounds are removed for good.`, `Delete ${p.name}`, async () => {
    const list = plansChanged(await api.deletePlan(p.id));
    plans.chosen = null;
    render(list);
    say('The plan was deleted.');
  });
});
