"""A Spark standalone cluster on this machine, from PySpark's own distribution: one master and
some workers, each its own JVM, bound to the loopback address only, with all their files in one
folder. The test suite and benchmarks/spark_scaling.py run the job on it as on a real cluster
(executors in other JVMs, fed over the network, with files shipped to them); docs/spark.md.

    with standalone.cluster(Path("/tmp/cluster"), workers=2) as master:   # spark://127.0.0.1:PORT
        subprocess.run(["spark-submit", "--master", master, ...], env=standalone.client_env(folder))
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyspark

SPARK_HOME = Path(pyspark.__file__).parent
STARTUP_SECONDS = 180  # a JVM's start on a busy machine
_LOOPBACK = "127.0.0.1"
# Loopback only, no REST submission port, no UI: a cluster that opens nothing but what the job needs.
_DEFAULTS = {"spark.driver.host": _LOOPBACK, "spark.driver.bindAddress": _LOOPBACK, "spark.ui.enabled": "false",
             "spark.master.rest.enabled": "false", "spark.ui.showConsoleProgress": "false"}


class ClusterError(RuntimeError):
    """The cluster did not come up; the message holds the end of the daemon's log."""


def spark_submit() -> str:
    return str(SPARK_HOME / "bin" / "spark-submit")


def client_env(folder: Path) -> dict[str, str]:
    """The environment for a driver (brink spark, spark-submit) talking to the cluster: this
    machine's, with Spark's configuration read from `folder` (loopback addresses, no UI)."""
    conf = folder / "conf"
    if not conf.is_dir():
        conf.mkdir(parents=True)
        (conf / "spark-defaults.conf").write_text("".join(f"{key} {value}\n" for key, value in _DEFAULTS.items()))
    return {**os.environ, "SPARK_HOME": str(SPARK_HOME), "SPARK_CONF_DIR": str(conf), "SPARK_LOCAL_IP": _LOOPBACK}


@contextmanager
def cluster(folder: Path, workers: int = 2, cores: int = 1, memory: str = "1g",
            env: dict[str, str] | None = None) -> Iterator[str]:
    """Start a master and `workers` workers of `cores` cores and `memory` each (executors get
    `env` too); yield the master's URL; stop every daemon and executor afterwards, whatever
    happened."""
    folder.mkdir(parents=True, exist_ok=True)
    daemon_env = {**client_env(folder), **(env or {}), "SPARK_DAEMON_MEMORY": "256m",
                  "SPARK_LOG_DIR": str(folder / "logs"), "SPARK_PID_DIR": str(folder),
                  "SPARK_LOCAL_DIRS": str(folder / "local")}
    url = f"spark://{_LOOPBACK}:{_free_port()}"
    with ExitStack() as daemons:
        master = daemons.enter_context(_daemon(folder / "master.log", daemon_env, "org.apache.spark.deploy.master.Master",
                                               "--host", _LOOPBACK, "--port", url.rsplit(":", 1)[1],
                                               "--webui-port", "0"))
        _wait_for(master, "I have been elected leader")
        started = []
        for number in range(workers):
            work = folder / f"worker{number}"
            started.append(daemons.enter_context(_daemon(
                folder / f"worker{number}.log", {**daemon_env, "SPARK_WORKER_DIR": str(work)},
                "org.apache.spark.deploy.worker.Worker", url, "--host", _LOOPBACK, "--cores", str(cores),
                "--memory", memory, "--work-dir", str(work), "--port", "0", "--webui-port", "0")))
        for worker in started:
            _wait_for(worker, "Successfully registered with master")
        yield url


@contextmanager
def _daemon(log: Path, env: dict[str, str], main_class: str, *args: str) -> Iterator[tuple[subprocess.Popen, Path]]:
    """One JVM (spark-class execs java) in a process group of its own, so that stopping it
    stops what it started too (a worker's executors and their Python workers)."""
    with open(log, "wb") as output:
        process = subprocess.Popen([str(SPARK_HOME / "bin" / "spark-class"), main_class, *args], env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process, log
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)  # the JVM stops its executors on the way out
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        os.killpg(process.pid, signal.SIGKILL)  # whatever is left of its group
    except ProcessLookupError:
        pass  # the group is gone
    process.wait()


def _wait_for(daemon: tuple[subprocess.Popen, Path], line: str) -> None:
    process, log = daemon
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if line in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    raise ClusterError(f"{log}: no {line!r} (exit status {process.poll()}):\n{tail}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((_LOOPBACK, 0))
        return probe.getsockname()[1]
