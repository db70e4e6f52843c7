"""The app served by daphne in a process of its own, on a free port: for the bench and the browser tests.

Both need the real server (the production ASGI app, its event loop, its threads) rather than
an in-process test server, and both start, wait for, restart and stop it the same way.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DaphneProcess:
    """daphne, started as production starts it (`python -m northstar.serve`), serving `app` on 127.0.0.1.

    Its output goes to `logdir`/<prefix><port>.log.
    """

    def __init__(self, app: str, logdir: Path, prefix: str = "daphne-", startup_seconds: float = 60) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = logdir / f"{prefix}{self.port}.log"
        self.startup_seconds = startup_seconds
        self.process: subprocess.Popen | None = None

    def environment(self) -> dict:
        """What the server runs with; read at each start."""
        raise NotImplementedError

    def start(self, *, wait: bool = True) -> None:
        command = [sys.executable, "-m", "northstar.serve", "-b", "127.0.0.1", "-p", str(self.port), self.app]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=BASE_DIR, env=self.environment(), stdout=log, stderr=log
            )
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        if self.process is None:
            raise RuntimeError("daphne was not started")
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited early:\n{self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not start within {self.startup_seconds:g} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def restart(self) -> None:
        self.stop()
        self.start()
