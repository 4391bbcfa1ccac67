// What the screens share: the core's constants for the window (fetched once at start),
// the lists several screens show (plans, zone names), and the news of what changed.
// A screen that changes stored data says so with `changed(...)`; every screen keeps its
// own cache and drops it in the `onChange` handler it registered, so no screen resets
// another's state directly.
import { api } from './api.js';

// What can change: records of a kind, or everything at once (restore, clear, example).
export const PLANS = 'plans';
export const PEOPLE = 'people';
export const CANDIDATES = 'candidates';
export const BOOKINGS = 'bookings';
export const EVERYTHING = 'everything';

const handlers = [];

// Calls `drop` after any change of one of `kinds` (and after a change of everything).
export function onChange(kinds, drop) {
  handlers.push({ kinds: new Set([...kinds, EVERYTHING]), drop });
}

// Tells every screen that `kinds` of stored data changed.
export function changed(...kinds) {
  for (const h of handlers) if (kinds.some((k) => h.kinds.has(k))) h.drop();
}

// The core's constants (page size, weekdays, default hours, stages, date styles, gap
// units): `window_facts`, read once by `loadFacts` before the first screen.
export let facts = null;
export async function loadFacts() {
  facts = await api.windowFacts();
  return facts;
}

// Every plan, as the Plans screen edits them and the plan menus list them (with how many
// candidates are in each: a change of candidates drops it too).
let plans = null;
onChange([PLANS, CANDIDATES], () => { plans = null; });
export async function planList() {
  if (!plans) plans = await api.plans();
  return plans;
}
// A list the core returned after a change of plans: kept, and the others told.
export function plansChanged(list) {
  changed(PLANS);
  plans = list;
  return list;
}

// The IANA zone names, for the zone fields' suggestions (they never change).
let zones = null;
export async function zoneNames() {
  if (!zones) zones = await api.zoneNames();
  return zones;
}
