"""`brink watch`: serve the UI and, in the same process, ingest what is new in folders and
feeds every round (docs/watch.md). DuckDB lets one process write a database; this process is
that writer, and its pages read through connections to the same database instance, so they
keep answering while a round runs and show its articles once it commits.

After a round that stored something the web's cached analytics are cleared, and every alert
not seen before is passed, as JSON on standard input, to the `--notify` command.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import msgspec

from brink import ingest, store
from brink.errors import UserError
from brink.sources import check_inputs
from brink.watch import signals

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smh]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600}
NOTIFY_SECONDS = 30  # a notify command that hangs longer is stopped: the watch goes on
STOP_SECONDS = 10  # on Ctrl-C, how long to let a round finish its batch


def parse_every(text: str) -> float:
    """'90', '90s', '10m', '1h' -> seconds."""
    found = _DURATION.match(text.strip())
    if not found or float(found.group(1)) <= 0:
        raise UserError(f"--every {text!r}: expected a duration such as 30s, 10m or 1h")
    return float(found.group(1)) * _UNITS[found.group(2)]


def alert_key(alert: signals.Alert) -> tuple:
    return alert.side_a, alert.side_b, alert.period, tuple(alert.signals)


class Watcher:
    """Ingest rounds over `sources` into the database that `con` (a writable connection)
    belongs to; `on_change()` runs after a round stored something."""

    def __init__(self, sources: list[str], db: str, con, workers: int = 1, notify: str | None = None,
                 on_change: Callable[[], None] = lambda: None, report: Callable[[str], None] = print):
        check_inputs(sources)
        self.sources, self.db, self.con, self.workers, self.notify = sources, db, con, workers, notify
        self.on_change, self.report = on_change, report
        self.stop = threading.Event()
        self.seen = {alert_key(alert) for alert in self._alerts()}  # alerts when the watch started: not news

    def round(self) -> list[signals.Alert]:
        """One ingest round; returns the alerts that are new since the last one (and notifies)."""
        summary = ingest.ingest(self.sources, self.db, self.workers)
        counts = summary.counts
        if not (counts.stored or counts.duplicates or counts.failed):
            return []
        self.report(f"round: {counts.stored} articles stored, {counts.duplicates} duplicates, "
                    f"{counts.failed} failed in {summary.seconds:.1f} s")
        self.on_change()
        fresh = [alert for alert in self._alerts() if alert_key(alert) not in self.seen]
        for alert in fresh:
            self.seen.add(alert_key(alert))
            self._notify(alert)
        if fresh:
            self.report(f"{len(fresh)} new alerts: " + ", ".join(f"{a.side_a}-{a.side_b} {a.period} "
                                                               f"({'+'.join(a.signals)})" for a in fresh))
        return fresh

    def run(self, every: float) -> None:
        """Rounds until `stop` is set; a failing round is reported and the next one tried."""
        while not self.stop.is_set():
            try:
                self.round()
            except UserError as error:
                self.report(f"round failed: {error}")
            self.stop.wait(every)

    def _alerts(self) -> list[signals.Alert]:
        cursor = self.con.cursor()
        try:
            return signals.watch(cursor, standings=0).alerts
        finally:
            cursor.close()

    def _notify(self, alert: signals.Alert) -> None:
        if not self.notify:
            return
        try:
            done = subprocess.run(self.notify, shell=True, input=msgspec.json.encode(alert), timeout=NOTIFY_SECONDS,
                                  capture_output=True)
        except subprocess.TimeoutExpired:
            self.report(f"--notify: stopped after {NOTIFY_SECONDS} s")
            return
        if done.returncode:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            self.report(f"--notify exited {done.returncode}" + (f": {detail[-1]}" if detail else ""))


def serve(sources: list[str], db: str, host: str, port: int, every: float, workers: int = 1,
          notify: str | None = None, report: Callable[[str], None] = print) -> None:
    """Serve the UI over `db` and ingest `sources` every `every` seconds until Ctrl-C."""
    import uvicorn

    from brink.web import create_app

    check_inputs(sources)  # before the database is created or locked
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    con = store.connect(db)  # the writable instance; ingest rounds and pages share it
    try:
        app = create_app(db, con=con)
        watcher = Watcher(sources, db, con, workers, notify, on_change=app.state.corpus.clear, report=report)
        rounds = threading.Thread(target=watcher.run, args=(every,), name="brink-watch-rounds", daemon=True)
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
        report(f"brink is watching {' '.join(sources)} every {every:g} s into {db}, serving http://{host}:{port}/ "
               "(Ctrl-C stops)")
        rounds.start()
        try:
            server.run()  # until SIGINT or SIGTERM (uvicorn re-raises Ctrl-C once it has stopped)
        finally:
            watcher.stop.set()
            rounds.join(STOP_SECONDS)  # a round in progress commits its batch; a cut one loses no half article
            report("brink watch stopped" + (" (a round was cut short)" if rounds.is_alive() else ""))
    finally:
        con.close()
