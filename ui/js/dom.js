// Finding and making elements. Tests and screens name elements by `data-testid`.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
export const tid = (id) => $(`[data-testid="${id}"]`);

// An element with attributes (`class`, `text`, `on<event>` handlers, others as is; a
// false, null or undefined value leaves the attribute out) and children.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
