// Team: the heat map of interviewers × weeks against their caps (an SVG drawn from the
// core's numbers, the same numbers in a table for screen readers), who is closest to
// their cap, the loops that still fit (counted by the engine, filled in when done) and
// the trainees with how far along they are (each opens their People page). Levels,
// words and counts are the core's.
import { api } from '../api.js';
import { $, el, tid } from '../dom.js';
import { attempt } from '../feedback.js';
import { go, register } from '../nav.js';
import { onChange, BOOKINGS, PEOPLE } from '../state.js';

const SVG = 'http://www.w3.org/2000/svg';
const CELL_W = 30;
const CELL_H = 18;
const NAME_W = 170;
const HEAD_H = 22;

const team = { pool: '', measure: 'interviews', screen: null, room: null };
// The coordinator's zone: whose Monday starts "this week" for the loops that fit.
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
onChange([PEOPLE, BOOKINGS], () => { team.screen = null; team.room = null; });

async function show() {
  if (!team.screen) team.screen = await api.teamScreen(zone(), team.pool || null);
  draw(team.screen);
  fillRoom();
}

register('team', show);

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const cellNumber = (c) => (team.measure === 'hours' ? (c.hours ? String(c.hours) : '') : (c.interviews ? String(c.interviews) : ''));

function draw(s) {
  const select = tid('team-pool');
  select.replaceChildren(el('option', { value: '', text: 'Everyone' }), ...s.pools.map((p) => el('option', { value: p, text: p })));
  select.value = s.pool || '';
  heat(s);
  table(s);
  tid('team-near').tBodies[0].replaceChildren(...(s.closest_to_cap.length ? s.closest_to_cap.map((n) => el('tr', { 'data-testid': `near-${n.id}` },
    el('th', { scope: 'row', text: n.name }),
    el('td', { text: `${n.interviews} of ${n.max_per_week}` }),
    el('td', { text: String(n.room) }),
  )) : [el('tr', {}, el('td', { colspan: 3, class: 'hint', text: 'Nobody shown has a weekly cap.' }))]));
  tid('team-trainees').tBodies[0].replaceChildren(...(s.trainees.length ? s.trainees.map((t) => el('tr', { 'data-testid': `trainee-${t.id}-${t.pool}` },
    el('th', { scope: 'row' }, el('button', {
      type: 'button', class: 'link', 'data-testid': `open-trainee-${t.id}`, 'aria-label': `Open ${t.name} in People`,
      onclick: () => go('people', { id: t.id }), text: t.name,
    })),
    el('td', { text: t.pool }),
    el('td', {}, el('progress', { max: t.interviews || 1, value: t.held, 'aria-label': `${t.held} of ${t.interviews} interviews held` }), ` ${t.held} of ${t.interviews}`),
    el('td', { class: `stage-${t.progress.state}`, text: t.words }),
  )) : [el('tr', {}, el('td', { colspan: 4, class: 'hint', text: 'Nobody is training. Start someone with rondo team train.' }))]));
}

// The picture: one row per person, one column per week, this week and next outlined.
function heat(s) {
  const w = NAME_W + s.weeks.length * CELL_W;
  const h = HEAD_H + s.rows.length * CELL_H;
  const picture = svg('svg', {
    width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', 'data-testid': 'team-heat-svg',
    'aria-label': `Interviews per week of ${s.rows.length} interviewers over ${s.weeks.length} weeks; the same numbers are in the table below.`,
  });
  s.weeks.forEach((wk, k) => {
    const x = NAME_W + k * CELL_W;
    picture.append(svg('text', { x: x + CELL_W / 2, y: HEAD_H - 7, class: k >= s.this_week ? 'wk now' : 'wk' },
      svg('title', {}, wk.title), wk.label));
  });
  s.rows.forEach((r, i) => {
    const y = HEAD_H + i * CELL_H;
    const g = svg('g', { 'data-testid': `heat-${r.id}` });
    g.append(svg('text', { x: NAME_W - 6, y: y + CELL_H - 5, class: 'who' }, r.name));
    r.cells.forEach((c, k) => {
      const x = NAME_W + k * CELL_W;
      g.append(svg('rect', { x: x + 1, y: y + 1, width: CELL_W - 2, height: CELL_H - 2, rx: 2, class: `lvl-${c.level}` },
        svg('title', {}, `${r.name}, ${c.text}`)));
      const n = cellNumber(c);
      if (n) g.append(svg('text', { x: x + CELL_W / 2, y: y + CELL_H - 5, class: `n lvl-${c.level}` }, n));
    });
    picture.append(g);
  });
  picture.append(svg('rect', {
    x: NAME_W + s.this_week * CELL_W, y: HEAD_H - 1, width: 2 * CELL_W, height: s.rows.length * CELL_H + 2, class: 'now-frame',
  }));
  tid('team-heat').replaceChildren(s.rows.length ? picture : el('p', { class: 'hint', text: 'No interviewers to show.' }));
}

// The same numbers for screen readers (and for reading exactly).
function table(s) {
  const t = tid('team-table');
  t.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Interviewer' }), el('th', { scope: 'col', text: 'Weekly cap' }),
      ...s.weeks.map((wk) => el('th', { scope: 'col', title: wk.title, text: wk.label })))),
    el('tbody', {}, ...s.rows.map((r) => el('tr', {},
      el('th', { scope: 'row', text: r.name }),
      el('td', { text: r.max_per_week ?? '—' }),
      ...r.cells.map((c) => el('td', { title: c.text, text: cellNumber(c) || '0' })),
    ))),
  );
}

// The loops that fit take the engine a moment: asked after the rest is drawn (and kept
// until stored data changes).
let asked = 0;
async function fillRoom() {
  const mine = ++asked;
  const body = tid('team-room').tBodies[0];
  if (!team.room) {
    tid('team-room').dataset.state = 'counting';
    body.replaceChildren(el('tr', {}, el('td', { colspan: 4, class: 'hint', 'data-testid': 'team-room-wait', text: 'Counting…' })));
  }
  await attempt(async () => {
    const lines = team.room || await api.teamRoom(zone());
    if (mine !== asked) return;
    team.room = lines;
    body.replaceChildren(...(lines.length ? lines.map((l) => el('tr', { 'data-testid': `room-${l.plan}` },
      el('th', { scope: 'row', text: l.name }),
      el('td', { text: l.this_week_text }),
      el('td', { text: l.next_week_text }),
      el('td', { text: l.full_rounds.join(', ') || '—' }),
    )) : [el('tr', {}, el('td', { colspan: 4, class: 'hint', text: 'No plans yet.' }))]));
    tid('team-room').dataset.state = 'done';
  });
}

tid('team-pool').addEventListener('change', (ev) => {
  team.pool = ev.target.value;
  team.screen = null;
  attempt(show);
});

for (const b of $('[data-testid="team-measure"]').querySelectorAll('button')) {
  b.addEventListener('click', () => {
    team.measure = b.dataset.measure;
    for (const o of tid('team-measure').querySelectorAll('button')) o.setAttribute('aria-pressed', String(o === b));
    if (team.screen) { heat(team.screen); table(team.screen); }
  });
}
