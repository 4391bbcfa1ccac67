// The one module that talks to Rondo's core (through Tauri's invoke). Views call these
// functions; every failure arrives as an ApiError with a `code` to branch on and a
// `message` in words for the coordinator. No time or scheduling arithmetic here.

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function invoke(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject(new ApiError('internal', 'Rondo must run inside its own window.'));
  }
  return tauri.core.invoke(command, args).catch((e) => {
    if (e && typeof e === 'object' && 'code' in e) throw new ApiError(e.code, e.message);
    console.error('rondo: unexpected error from', command, e);
    throw new ApiError('internal', 'Something went wrong inside Rondo. Try again; if it keeps happening, restart the app.');
  });
}

export const api = {
  appInfo: () => invoke('app_info'),
  loadExample: () => invoke('load_example'),
  openRequest: () => invoke('open_request'),
  pipeline: () => invoke('pipeline'),
  interviewers: () => invoke('list_interviewers'),
  addInterviewer: (input) => invoke('add_interviewer', { input }),
  setWorkingHours: (id, hours) => invoke('set_working_hours', { id, hours }),
  zoneNames: () => invoke('zone_names'),
  rounds: () => invoke('list_rounds'),
  setRoundDuration: (round, minutes) => invoke('set_round_duration', { round, minutes }),
  findOptions: () => invoke('find_options'),
  acceptRelaxation: (index) => invoke('accept_relaxation', { index }),
  currentAnswer: () => invoke('current_answer'),
  showOption: (option, day) => invoke('show_option', { option, day }),
  moveRound: (option, round, slots) => invoke('move_round', { option, round, slots }),
  resetOption: (option) => invoke('reset_option', { option }),
  swapChoices: (option, round, out) => invoke('swap_choices', { option, round, out }),
  swapInterviewer: (option, round, out, into) => invoke('swap_interviewer', { option, round, out, into }),
  importCalendar: (id) => invoke('import_calendar', { id }),
  importDroppedCalendar: (id) => invoke('import_dropped_calendar', { id }),
  bookOption: (option) => invoke('book_option', { option }),
  sendUpdate: () => invoke('send_update'),
  // Progress of a calendar import: calls back with {name, step, percent}.
  onImportProgress: (callback) => listen('import-progress', (e) => callback(e.payload)),
  // A file dropped on the window: calls back with where (physical pixels); Rust keeps the path.
  onFileDrop: (callback) => listen('tauri://drag-drop', (e) => callback(e.payload.position)),
};

function listen(event, handler) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.event) return Promise.resolve(() => {});
  return tauri.event.listen(event, handler);
}
