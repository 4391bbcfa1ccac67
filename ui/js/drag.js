// Dragging a block along its track by whole grid steps: the blocks of the same round
// (one per row it sits on) follow the pointer; on release the distance becomes a number
// of steps, handed to `move(steps)` (nothing when it is zero). Shared by the Schedule
// screen's timeline and the Hiring day's grid; the core checks every move.
export function dragBySlots(ev, block, same, minutesPerPx, slot, move) {
  const x0 = ev.clientX;
  block.setPointerCapture(ev.pointerId);
  const slotsAt = (x) => Math.round(((x - x0) * minutesPerPx) / slot);
  const follow = (e) => {
    const dx = (slotsAt(e.clientX) * slot) / minutesPerPx;
    for (const b of same) b.style.transform = `translateX(${dx}px)`;
  };
  const drop = async (e) => {
    block.removeEventListener('pointermove', follow);
    block.removeEventListener('pointerup', drop);
    for (const b of same) b.style.transform = '';
    const slots = slotsAt(e.clientX);
    if (slots) await move(slots);
  };
  block.addEventListener('pointermove', follow);
  block.addEventListener('pointerup', drop);
}
