// Runs the ical.js checker (../shared/ics/checkers/icaljs-check.mjs) on many jobs in
// one Node process, so the agreement test does not pay Node's start-up 700 times.
// Input (stdin): JSON list of [file, from, to]. Output: one JSON line per job,
// {"rc": exit code, "out": the checker's stdout}. The checker module is evaluated
// afresh per job (a new import URL), with process.argv, stdout and exit captured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';

const checker = process.argv[2];
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const home = path.resolve(process.env.ICS_CHECKERS_HOME || path.join(os.homedir(), '.cache', 'ics-checkers'));
const ICAL = (await import(url.pathToFileURL(path.join(home, 'node', 'node_modules', 'ical.js', 'dist', 'ical.js')).href)).default;

const realWrite = process.stdout.write.bind(process.stdout);
const realExit = process.exit;
const realError = console.error;
class Exit { constructor(code) { this.code = code; } }
const results = [];
for (let i = 0; i < jobs.length; i++) {
  const [file, from, to] = jobs[i];
  let captured = '';
  process.argv = [process.argv[0], checker, file, '--from', from, '--to', to];
  process.exitCode = 0;
  process.stdout.write = (chunk) => { captured += chunk; return true; };
  process.exit = (code) => { throw new Exit(code ?? 0); };
  console.error = () => {};
  let rc;
  try {
    ICAL.TimezoneService.reset();
    await import(url.pathToFileURL(checker).href + '?job=' + i);
    rc = process.exitCode ?? 0;
  } catch (e) {
    rc = e instanceof Exit ? e.code : 70;
  } finally {
    process.stdout.write = realWrite;
    process.exit = realExit;
    console.error = realError;
  }
  results.push(JSON.stringify({ rc, out: captured }));
}
process.exitCode = 0;
realWrite(results.join('\n') + '\n');
