"""The local targets of the Python programs: the testbed's fixtures (an HTTP server, an echo
server, a closed port, a port that never answers...), started by a small Node helper
(python/node/testbed-fixtures.ts), so the Python program and its TypeScript twin talk to exactly
the same servers. The helper prints where each fixture listens and stops them all when we close
its stdin, which the OS also does if this process dies: nothing is left behind."""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .cli import EnvironmentProblem

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # python/
HELPER = PACKAGE_DIR / "node" / "testbed-fixtures.ts"
# What makes Node 20 run the helper's TypeScript: @netprog/run-ts, the loader the course's tests use.
REGISTER = PACKAGE_DIR / "node_modules" / "@netprog" / "run-ts" / "src" / "register.mjs"

# Starting Node takes a fraction of a second on an idle machine; far longer on a busy one.
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Fixture:
    """Where one fixture listens: one port, or several (open-ports)."""

    name: str
    host: str
    port: int | None = None
    ports: tuple[int, ...] = ()

    @property
    def address(self) -> tuple[str, int]:
        if self.port is None:
            raise ValueError(f"fixture {self.name} listens on several ports: use .ports")
        return (self.host, self.port)


def _node_command(names: tuple[str, ...]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        raise EnvironmentProblem(
            "the local targets come from the course's Node testbed, and node is not on PATH; "
            "install Node.js 20.19+ (or give a host to connect to)"
        )
    if not REGISTER.exists():
        raise EnvironmentProblem(
            "the Node testbed is not installed; run `pnpm install` at the repository root first"
        )
    return [node, "--import", str(REGISTER), str(HELPER), *names]


def _read_lines(proc: subprocess.Popen[bytes], deadline: float) -> Iterator[str]:
    """The helper's stdout, line by line, each wait bounded by the deadline."""
    assert proc.stdout is not None
    buffered = b""
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                yield line.decode()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise EnvironmentProblem(
                    f"the Node testbed did not start within {START_TIMEOUT_S:.0f} s"
                )
            chunk = os.read(proc.stdout.fileno(), 4096)
            if chunk == b"":
                return
            buffered += chunk


@contextmanager
def testbed_fixtures(*names: str) -> Iterator[dict[str, Fixture]]:
    """Starts the named fixtures (see FIXTURES in the helper) and yields them by name.

    with testbed_fixtures("echo", "closed") as targets:
        sock.connect(targets["echo"].address)
    """
    proc = subprocess.Popen(
        _node_command(names),
        cwd=PACKAGE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        started: dict[str, Fixture] = {}
        for line in _read_lines(proc, time.monotonic() + START_TIMEOUT_S):
            message = json.loads(line)
            if message.get("ready"):
                break
            started[message["name"]] = Fixture(
                name=message["name"],
                host=message["host"],
                port=message.get("port"),
                ports=tuple(message.get("ports") or ()),
            )
        else:
            proc.wait(timeout=STOP_TIMEOUT_S)
            problem = (proc.stderr.read().decode().strip().splitlines() or ["no message"])[-1]
            raise EnvironmentProblem(f"the Node testbed exited before it was ready: {problem}")
        yield started
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Closes the helper's stdin (its signal to stop the fixtures) and waits, bounded, for it."""
    assert proc.stdin is not None
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
