# Run: python3 python/connect_vs_connect_ex.py [host port...]
#
# The same connection attempts three ways: connect() raises, connect_ex() returns an errno, and
# create_connection() (socket + settimeout + connect in one call) raises like connect(). With no
# arguments it makes the same targets as its TypeScript twin
# (chapters/03-client/examples/connect-vs-connect-ex.ts), through the testbed: an open port, a
# closed port and (on Linux) a port that never answers.
#
# Corrected from the notes: they say connect_ex() on a timeout returns 35, "EAGAIN, meaning a
# receive timeout had been set". 35 is EAGAIN on macOS (11 on Linux), and what it means here is
# that Python's own timeout expired: CPython maps its timeout to EWOULDBLOCK/EAGAIN in
# connect_ex(), while connect() raises TimeoutError with no errno at all.
"""connect() raises, connect_ex() returns an errno, create_connection() does both steps at once."""

from __future__ import annotations

import errno
import socket
import time
from contextlib import ExitStack

from netprog.cli import ArgumentParser, UsageError, port_number, run_main
from netprog.fixtures import testbed_fixtures
from netprog.linux_only import on_linux_or_say

TIMEOUT_S = 0.3


def ms_since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def raised(error: OSError) -> str:
    """What Python raised, as chapter 3's TypeScript examples name it (its pythonRaises): the class
    and the errno. The socket's own timeout is TimeoutError('timed out') with errno None: no system
    call failed, Python's own wait did. Only the kernel's ETIMEDOUT carries errno 110."""
    if error.errno is None:
        return f"{error!r}, errno None"
    return f"{type(error).__name__}, errno {error.errno}"


def failure(error: OSError, started: float) -> str:
    """A failed connect() in two lines: what failed and when, then the exception itself."""
    ms = ms_since(started)
    if error.errno is None:
        what = f"raises {type(error).__name__} after ~{ms} ms: the socket's own timeout ran out"
    else:
        code = errno.errorcode.get(error.errno)
        what = f"raises {type(error).__name__} code={code} errno={error.errno} after ~{ms} ms"
    return f"{what}\n{' ' * 22}(Python: {raised(error)})"


def try_connect(address: tuple[str, int]) -> str:
    """connect(): None, or an exception (OSError and its subclasses, TimeoutError)."""
    with socket.socket() as sock:
        sock.settimeout(TIMEOUT_S)
        started = time.perf_counter()
        try:
            sock.connect(address)
            return "connected"
        except OSError as error:
            return failure(error, started)


def try_connect_ex(address: tuple[str, int]) -> str:
    """connect_ex(): never raises for a failed connection; 0 or the errno number."""
    with socket.socket() as sock:
        sock.settimeout(TIMEOUT_S)
        result = sock.connect_ex(address)
        return "returns 0" if result == 0 else f"returns {result} ({errno.errorcode[result]})"


def try_create_connection(address: tuple[str, int]) -> str:
    """create_connection(): resolves, creates, sets the timeout and connects; raises on failure."""
    started = time.perf_counter()
    try:
        with socket.create_connection(address, timeout=TIMEOUT_S):
            return "connected"
    except OSError as error:
        return f"raises {raised(error)} after ~{ms_since(started)} ms"


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("host", nargs="?", help="default: local targets started for you")
    parser.add_argument("ports", nargs="*", type=port_number)
    args = parser.parse_args()
    if args.host is not None and not args.ports:
        raise UsageError("give a host and at least one port, e.g. 127.0.0.1 22 80")

    with ExitStack() as stack:
        if args.host is None:
            silent = on_linux_or_say(
                "the silent port", "testbed's blackhole is a full accept queue, whose SYNs Linux drops"
            )
            names = ["echo", "closed"] + (["blackhole"] if silent else [])
            found = stack.enter_context(testbed_fixtures(*names))
            targets = [
                ("open port (a listener)", found["echo"].address),
                ("closed port (nobody listens)", found["closed"].address),
            ]
            if "blackhole" in found:
                # A listener whose accept queue is full: Linux drops the SYNs, as a firewall would.
                targets.append(("silent port (SYNs dropped)", found["blackhole"].address))
        else:
            targets = [(f"port {port}", (args.host, port)) for port in args.ports]

        print(f"every attempt has a {TIMEOUT_S * 1000:.0f} ms timeout: settimeout({TIMEOUT_S})\n")
        for label, (host, port) in targets:
            print(f"{label}: {host}:{port}")
            print(f"  sock.connect()      {try_connect((host, port))}")
            print(f"  sock.connect_ex()   {try_connect_ex((host, port))}")
            print(f"  create_connection() {try_create_connection((host, port))}")


if __name__ == "__main__":
    run_main(main)
