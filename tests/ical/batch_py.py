"""Runs the python icalendar checker (../shared/ics/checkers/ical-py-check.py) on many
jobs in one process (inside the checkers' venv), so the agreement test does not pay
Python's start-up and icalendar's import 700 times.

Input (stdin): JSON list of [file, from, to]. Output: one JSON line per job,
{"rc": exit code, "out": the checker's stdout}; 124 when a job takes over 15 s (FREQ=MINUTELY series walked from 1997: CORPUS-FINDINGS #15)."""
import contextlib
import importlib.util
import io
import json
import signal
import sys

checker = sys.argv[1]
spec = importlib.util.spec_from_file_location("ical_py_check", checker)
mod = importlib.util.module_from_spec(spec)
sys.argv = [checker]
spec.loader.exec_module(mod)


class Timeout(Exception):
    pass


def on_alarm(_sig, _frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)
jobs = json.load(sys.stdin)
lines = []
for file, frm, to in jobs:
    sys.argv = [checker, file, "--from", frm, "--to", to]
    out, err = io.StringIO(), io.StringIO()
    signal.alarm(15)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = mod.main()
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else 1
    except Timeout:
        rc = 124
    except Exception:  # noqa: BLE001
        rc = 70
    finally:
        signal.alarm(0)
    lines.append(json.dumps({"rc": rc, "out": out.getvalue()}))
sys.stdout.write("\n".join(lines) + "\n")
