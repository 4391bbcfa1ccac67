// Pipeline: every candidate by job and stage with what waits on the coordinator, a page
// at a time, searched and filtered by the core.
import { api } from '../api.js';
import { $, $$, el, tid } from '../dom.js';
import { attempt } from '../feedback.js';
import { go, register } from '../nav.js';
import { facts, onChange, EVERYTHING } from '../state.js';
import { debounce, Pager } from '../widgets.js';

const pipe = { query: '', waiting: '' };
const pager = new Pager('pipeline', show);
onChange([EVERYTHING], () => pager.reset());

async function show() {
  const page = await api.pipeline(pipe.query, pipe.waiting, pager.offset);
  const stages = new Map(facts.stages);
  const rows = [];
  let group = null;
  for (const r of page.rows) {
    const g = `${r.job || 'No plan'} · ${stages.get(r.stage)}`;
    if (g !== group) {
      group = g;
      rows.push(el('tr', { class: 'group' }, el('th', { scope: 'colgroup', colspan: '5', text: g })));
    }
    rows.push(el('tr', { 'data-testid': `candidate-${r.id}` },
      el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', 'data-testid': `open-${r.id}`, onclick: () => go('candidate', { id: r.id }), text: r.name })),
      el('td', { text: r.place }),
      el('td', {}, el('span', { class: `badge ${r.waiting}`, text: r.waiting_text })),
      el('td', { text: r.next || '—' }),
      el('td', {}, el('button', { type: 'button', 'data-testid': `schedule-${r.id}`, 'aria-label': `Schedule ${r.name}`, onclick: () => go('schedule', { candidate: r.id }), text: 'Schedule…' })),
    ));
  }
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '5', text: page.total ? 'No candidate matches.' : 'No candidates yet: add one.' })));
  $('tbody', tid('pipeline-table')).replaceChildren(...rows);
  pager.show(page.rows.length, page.matched);
  tid('filter-send').textContent = `To send (${page.to_send})`;
  tid('filter-confirm').textContent = `To confirm (${page.to_confirm})`;
  tid('filter-schedule').textContent = `To schedule (${page.to_schedule})`;
}

register('pipeline', show);

tid('pipeline-search').addEventListener('input', debounce((ev) => {
  pipe.query = ev.target.value;
  pager.reset();
  attempt(show);
}));
for (const b of $$('[data-waiting]', tid('pipeline-filters'))) {
  b.addEventListener('click', () => {
    pipe.waiting = b.dataset.waiting;
    pager.reset();
    for (const x of $$('[data-waiting]', tid('pipeline-filters'))) x.setAttribute('aria-pressed', String(x === b));
    attempt(show);
  });
}
tid('add-candidate').addEventListener('click', () => go('candidate', { id: null }));
