// The multi-zone timeline: one row per person on a shared axis of absolute time, each
// row labelled with its own local clock (all positions in minutes come from the core;
// this module scales them to pixels). A round moves by whole slots with ←/→ (Shift:
// four) or by dragging; the core checks and redraws it.
import { $$, el, tid } from '../dom.js';
import { dragBySlots } from '../drag.js';

// The axis scale: a 24-hour day is about 2,200 px wide and scrolls sideways.
const PX_PER_MINUTE = 1.5;

// The timeline drawn last (its length and slot size turn a drag into slots).
let drawn = null;
// What moving a round does: `move(round, slots)`, set by the Schedule screen.
let move = async () => {};
export function onMove(handler) { move = handler; }

const pct = (minutes, total) => `${(100 * minutes) / total}%`;

function place(node, span, total) {
  node.style.left = pct(span.start, total);
  node.style.width = pct(span.end - span.start, total);
  return node;
}

function mark(cls, at, total, label, title) {
  const m = el('div', { class: cls, title }, label === null ? null : el('span', { text: label }));
  m.style.left = pct(at, total);
  return m;
}

export function drawTimeline(t) {
  drawn = t;
  const total = t.minutes;
  const rows = t.rows.map((row, ri) => {
    const track = el('div', { class: 'track' });
    track.style.width = `${total * PX_PER_MINUTE}px`;
    for (const s of row.working) track.append(place(el('div', { class: 'working' }), s, total));
    for (const s of row.busy) track.append(place(el('div', { class: 'busy' }), s, total));
    for (const s of row.booked) track.append(place(el('div', { class: 'booked' }), s, total));
    for (const k of row.ticks) track.append(mark(`tick${k.major ? ' major' : ''}`, k.at, total, k.major ? k.label : null));
    for (const m of row.midnights) track.append(mark('midnight', m.at, total, m.label));
    for (const m of row.dst_changes) track.append(mark('dst', m.at, total, `⇆ ${m.label}`, m.label));
    for (const r of t.rounds.filter((b) => b.rows.includes(ri))) {
      const primary = ri === 0;
      const block = el('div', {
        class: `block${r.problems.length ? ' bad' : ''}`,
        'data-round': r.round,
        'data-testid': primary ? `round-${r.round}` : null,
        tabindex: primary ? '0' : null,
        role: primary ? 'button' : null,
        'aria-hidden': primary ? null : 'true',
        'aria-label': primary ? `${r.name}, ${r.when}.${r.problems.length ? ` Breaks: ${r.problems.join(' ')}` : ' Holds.'} Left or right arrow moves it.` : null,
        title: `${r.name}\n${r.when}${r.problems.length ? `\n✕ ${r.problems.join('\n✕ ')}` : ''}`,
      }, el('span', { text: `${r.problems.length ? '✕ ' : ''}${r.name}` }));
      if (r.buffer_minutes && !primary) {
        const b = r.buffer_minutes;
        track.append(place(el('div', { class: 'buffer' }), { start: r.span.start - b, end: r.span.end + b }, total));
      }
      track.append(place(block, r.span, total));
    }
    const label = el('div', { class: 'who' },
      el('strong', { text: row.name }),
      el('span', { class: 'role', text: row.role === 'candidate' ? 'candidate' : 'interviewer' }),
      el('span', { class: 'zone', text: `${row.city} · ${row.offset}` }),
      el('span', { class: 'clock', text: `${row.clock} at the left edge` }));
    return el('div', { class: `tl-row ${row.role}`, 'data-testid': `row-${row.id}` }, label, track);
  });
  tid('timeline').replaceChildren(...rows);
  // Scroll so that the day's first round is in view, an hour of context before it.
  const first = t.rounds.length ? Math.min(...t.rounds.map((r) => r.span.start)) : 0;
  tid('timeline').parentElement.scrollLeft = Math.max(0, (first - 60) * PX_PER_MINUTE);
}

// Keyboard: ←/→ moves the focused round by one slot (Shift: four).
tid('timeline').addEventListener('keydown', async (ev) => {
  const round = ev.target.dataset && ev.target.dataset.round;
  if (!round || (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight')) return;
  ev.preventDefault();
  await move(round, (ev.key === 'ArrowLeft' ? -1 : 1) * (ev.shiftKey ? 4 : 1));
});

// Dragging: the block follows the pointer; on release the distance becomes whole slots.
tid('timeline').addEventListener('pointerdown', (ev) => {
  const block = ev.target.closest('.block');
  if (!block || !drawn) return;
  const round = block.dataset.round;
  const minutesPerPx = drawn.minutes / block.parentElement.getBoundingClientRect().width;
  const same = $$(`.block[data-round="${round}"]`, tid('timeline'));
  dragBySlots(ev, block, same, minutesPerPx, drawn.slot_minutes, (slots) => move(round, slots));
});
