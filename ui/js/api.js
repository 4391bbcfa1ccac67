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
  // App and data
  appInfo: () => invoke('app_info'),
  about: () => invoke('about'),
  // A file opened with Rondo: its name, forget it, import it as an interviewer's calendar.
  openedFile: () => invoke('opened_file'),
  dismissOpenedFile: () => invoke('dismiss_opened_file'),
  importOpenedCalendar: (id) => invoke('import_opened_calendar', { id }),
  settings: () => invoke('settings'),
  setOrganizer: (name, email) => invoke('set_organizer', { name, email }),
  clearData: () => invoke('clear_data'),
  loadExample: () => invoke('load_example'),
  exportData: () => invoke('export_data'),
  importData: () => invoke('import_data'),
  // Pipeline and candidates
  pipeline: (query, waiting, offset) => invoke('pipeline', { query, waiting: waiting || null, offset }),
  candidate: (id) => invoke('candidate', { id }),
  saveCandidate: (form) => invoke('save_candidate', { form }),
  deleteCandidate: (id) => invoke('delete_candidate', { id }),
  // People
  interviewers: (query, offset) => invoke('list_interviewers', { query, offset }),
  saveInterviewer: (form) => invoke('save_interviewer', { form }),
  deleteInterviewer: (id) => invoke('delete_interviewer', { id }),
  setWorkingHours: (id, hours) => invoke('set_working_hours', { id, hours }),
  zoneNames: () => invoke('zone_names'),
  importCalendar: (id) => invoke('import_calendar', { id }),
  importDroppedCalendar: (id) => invoke('import_dropped_calendar', { id }),
  // Team: the heat map, closest to cap and trainees; the loops that fit; training
  teamScreen: (zone, pool) => invoke('team_screen', { zone, pool }),
  teamRoom: (zone) => invoke('team_room', { zone }),
  personTraining: (id) => invoke('person_training', { id }),
  markTraineeHeld: (booking, trainee) => invoke('mark_trainee_held', { booking, trainee }),
  signOffTrainee: (id, pool) => invoke('sign_off_trainee', { id, pool }),
  // Connected calendars (Settings → Calendars)
  calendarAccounts: () => invoke('calendar_accounts'),
  addCalendarAccount: (form) => invoke('add_calendar_account', { form }),
  giveCalendarPassword: (account, password) => invoke('give_calendar_password', { account, password }),
  linkCalendar: (interviewer, account, url) => invoke('link_calendar', { interviewer, account, url }),
  unlinkCalendar: (interviewer, account, url) => invoke('unlink_calendar', { interviewer, account, url }),
  linkCalendarsByEmail: (account) => invoke('link_calendars_by_email', { account }),
  syncCalendars: () => invoke('sync_calendars'),
  testCalendarAccount: (account) => invoke('test_calendar_account', { account }),
  setTeamCalendar: (account, url, markCancelled) => invoke('set_team_calendar', { account, url, markCancelled }),
  // Plans
  plans: () => invoke('list_plans'),
  planTemplates: () => invoke('plan_templates'),
  createPlan: (template, job) => invoke('create_plan', { template, job }),
  savePlan: (form) => invoke('save_plan', { form }),
  deletePlan: (id) => invoke('delete_plan', { id }),
  // Scheduling
  scheduleForm: (candidate) => invoke('schedule_form', { candidate }),
  findOptions: (find) => invoke('find_options', { find }),
  acceptRelaxation: (index) => invoke('accept_relaxation', { index }),
  currentAnswer: () => invoke('current_answer'),
  showOption: (option, day) => invoke('show_option', { option, day }),
  moveRound: (option, round, slots) => invoke('move_round', { option, round, slots }),
  resetOption: (option) => invoke('reset_option', { option }),
  swapChoices: (option, round, out) => invoke('swap_choices', { option, round, out }),
  swapInterviewer: (option, round, out, into) => invoke('swap_interviewer', { option, round, out, into }),
  // Hiring days: what to choose from, the day planned and drawn, a round moved, the day
  // booked, its sheets saved.
  hiringDayChoices: (filter) => invoke('hiring_day_choices', { filter }),
  planHiringDay: (form) => invoke('plan_hiring_day', { form }),
  bookHiringDay: () => invoke('book_hiring_day'),
  moveHiringDayRound: (candidate, round, slots) => invoke('move_hiring_day_round', { candidate, round, slots }),
  saveHiringDaySheets: () => invoke('save_hiring_day_sheets'),
  // Bookings and invites
  bookOption: (option) => invoke('book_option', { option }),
  sendUpdate: () => invoke('send_update'),
  bookedView: () => invoke('booked_view'),
  cancelInterviews: (candidate) => invoke('cancel_interviews', { candidate }),
  rescheduleInterview: (booking, date, time) => invoke('reschedule_interview', { booking, date, time }),
  setInterviewStatus: (booking, status) => invoke('set_interview_status', { booking, status }),
  writeInvites: (candidate) => invoke('write_invites', { candidate }),
  // Mail: the account (Settings → Mail), a test message, the outbox
  mailSettings: () => invoke('mail_settings'),
  saveMail: (form) => invoke('save_mail', { form }),
  mailOff: () => invoke('mail_off'),
  sendTestMail: () => invoke('send_test_mail'),
  outbox: () => invoke('outbox'),
  retryMail: (id) => invoke('retry_mail', { id: id || null }),
  sendMailNow: () => invoke('send_mail_now'),
  // Answers: a saved reply imported, proposed times, a declined interviewer replaced
  importReply: () => invoke('import_reply'),
  acceptProposal: (booking, email) => invoke('accept_proposal', { booking, email }),
  declineProposal: (booking, email) => invoke('decline_proposal', { booking, email }),
  replacementChoices: (booking, out) => invoke('replacement_choices', { booking, out }),
  replaceInterviewer: (booking, out, into) => invoke('replace_interviewer', { booking, out, into }),
  // Holds and the candidate's pick
  offerHolds: (candidate, options, days) => invoke('offer_holds', { candidate, options, days }),
  holdOffer: (candidate) => invoke('hold_offer', { candidate }),
  pickHold: (candidate, option) => invoke('pick_hold', { candidate, option }),
  withdrawHolds: (candidate) => invoke('withdraw_holds', { candidate }),
  // The window's own: constants, date fields, the plan editor's pickers
  windowFacts: () => invoke('window_facts'),
  dateText: (text, style, field) => invoke('date_text', { text, style, field }),
  dateMonth: (shown, chosen, style) => invoke('date_month', { shown: shown || null, chosen: chosen || null, style }),
  planPools: () => invoke('plan_pools'),
  planPhrase: (piece) => invoke('plan_phrase', { piece }),
  // Progress of a calendar import: calls back with {name, step, percent}.
  onImportProgress: (callback) => listen('import-progress', (e) => callback(e.payload)),
  onCalendarProgress: (callback) => listen('calendar-progress', (e) => callback(e.payload)),
  // A file opened with Rondo while the window runs: calls back with {name}.
  onFileOpened: (callback) => listen('file-opened', (e) => callback(e.payload)),
  // A file dropped on the window: calls back with where (physical pixels); Rust keeps the path.
  onFileDrop: (callback) => listen('tauri://drag-drop', (e) => callback(e.payload.position)),
};

function listen(event, handler) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.event) return Promise.resolve(() => {});
  return tauri.event.listen(event, handler);
}
