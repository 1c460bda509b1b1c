"""`brink watch` end to end, as a user runs it: a folder gains articles while the server
answers; they and the alert they raise show up without a restart; --notify receives the alert
as JSON; Ctrl-C (SIGINT) stops the server and the rounds, leaving the database closed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from brink import store
from brink.watch import imports, live
from test_browser import free_port
from test_watch import ACCUSE, ASSAULT, Corpus, week

ROOT = Path(__file__).resolve().parent.parent
SPIKE = 10  # the week the new articles report on
ARTICLE = ("Russian forces shelled the Ukrainian city of Kharkiv on {day}, Ukraine's military said. "
           "Russia attacked Ukrainian positions near Donetsk, the army said.")


def history(tmp_path: Path) -> Path:
    """Ten quiet weeks of imported events, then a week with a few assaults: below the alert."""
    corpus = Corpus()
    for index in range(SPIKE):
        corpus.week(index)
        corpus.events(index, 2, ACCUSE, stories=2)
    corpus.week(SPIKE)
    corpus.events(SPIKE, 4, ASSAULT, stories=2)
    events = tmp_path / "history.tsv"
    events.write_text("\n".join(corpus.lines) + "\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    imports.import_events([str(events)], "icews", str(db))
    return db


def get(url: str):
    with urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.load(response)


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except (URLError, ConnectionError, OSError):
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


def spike_alerts(base: str) -> list[dict]:
    return [a for a in get(f"{base}/api/alerts") if (a["side_a"], a["side_b"], a["period"]) == ("RUS", "UKR", week(SPIKE))]


def test_watch_ingests_new_files_serves_them_notifies_and_stops_on_ctrl_c(tmp_path):
    db = history(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    received = tmp_path / "received.jsonl"
    notifier = tmp_path / "notify.py"
    notifier.write_text(f"import sys\nopen({str(received)!r}, 'ab').write(sys.stdin.buffer.read() + b'\\n')\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "brink.cli", "watch", str(inbox), "--db", str(db), "--every", "1s", "--port", str(port),
         "--workers", "1", "--notify", f"{sys.executable} {notifier}"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: get(f"{base}/api/stats"), 120, "the server")
        assert spike_alerts(base) == [], "the imported week alone is below the alert"
        for number, (day, date) in enumerate((("Tuesday", "2021-03-16"), ("Thursday", "2021-03-18")), 1):
            (inbox / f"kharkiv{number}.json").write_text(json.dumps({"published": date, "title": f"Shelling {number}"}))
            partial = inbox / f"kharkiv{number}.part"
            partial.write_text(ARTICLE.format(day=day))
            partial.rename(inbox / f"kharkiv{number}.txt")
            assert get(f"{base}/api/stats")["articles"] <= 2  # answering while the round may be writing
        wait_for(lambda: get(f"{base}/api/stats")["articles"] == 2, 240, "the new articles")
        [alert] = wait_for(lambda: spike_alerts(base), 60, "the new alert")
        assert "change" in alert["signals"] and {e["origin"] for e in alert["evidence"]} == {"brink", "icews"}
        notified = wait_for(lambda: received.exists() and received.read_text().strip(), 60, "--notify")
        [sent] = [json.loads(line) for line in notified.splitlines()]
        assert (sent["side_a"], sent["side_b"], sent["period"]) == ("RUS", "UKR", week(SPIKE))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    log = process.stderr.read().decode()
    assert process.returncode == 130 and "brink watch stopped\n" in log, log  # 130: stopped by Ctrl-C
    with pytest.raises((URLError, ConnectionError, OSError)):
        get(f"{base}/api/stats")
    store.connect(db).close()  # the lock is released: another process can write


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400)])
def test_every_reads_durations(text, seconds):
    assert live.parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "ten minutes", "5d"])
def test_bad_every_is_a_user_error(text):
    from brink.errors import UserError

    with pytest.raises(UserError, match="--every"):
        live.parse_every(text)
