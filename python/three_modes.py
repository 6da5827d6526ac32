# Run: python3 python/three_modes.py
#
# The three modes of a socket: blocking (timeout None), non-blocking (timeout 0) and timeout mode
# (timeout > 0); then the module-wide default and what accepted sockets inherit. Everything runs
# against local servers: our own listener, and the testbed's blackhole (a port that never
# answers, started through Node). The Python twin of chapters/05-timeouts/examples/three-modes.ts,
# which spells the same calls in milliseconds: settimeout(2.5) here is settimeout(2500) there.
#
# Corrected from the notes: they say that with a timeout, connect_ex() returns "35, EAGAIN,
# meaning a receive timeout had been set": 35 is macOS's number (Linux: 11), and on connect it
# means Python's own timeout expired. And they say a timeout raises `socket.timeout`: since
# Python 3.10 that is an alias of the built-in TimeoutError, which is what you catch.
"""Blocking, non-blocking and timeout mode; setdefaulttimeout and what accept() inherits."""

from __future__ import annotations

import errno
import signal
import socket
import threading
import time
from collections.abc import Callable

from netprog.cli import ArgumentParser, run_main
from netprog.fixtures import testbed_fixtures


def show(label: str, call: Callable[[], object], limit_s: float | None = None) -> None:
    """Prints how a call ended: its value, or its exception's class and errno name, and when."""
    started = time.perf_counter()
    limit = "" if limit_s is None else f" (limit {limit_s * 1000:.0f} ms)"
    try:
        value = call()
        outcome = repr(value)
    except OSError as error:
        code = errno.errorcode.get(error.errno) if error.errno is not None else None
        outcome = f"{type(error).__name__} {code}"
    elapsed = round((time.perf_counter() - started) * 1000)
    print(f"  {label} -> {outcome} after {elapsed} ms{limit}")


def blocking_wait_too_long(signum: int, frame: object) -> None:
    raise TimeoutError("blocking recv(): our own peer did not speak within 10 s")


def accept_from(server: socket.socket, client: socket.socket) -> socket.socket:
    """accept() until the connection from our own client arrives (a stranger, such as another
    program's port scan, may connect first); strangers' connections are closed."""
    while True:
        conn, peer = server.accept()  # bounded: the server has a timeout
        if peer == client.getsockname():
            return conn
        conn.close()


def main() -> None:
    ArgumentParser(description=__doc__).parse_args()  # no arguments; --help explains
    with testbed_fixtures("blackhole") as fixtures, socket.create_server(("127.0.0.1", 0)) as server:
        hole = fixtures["blackhole"].address
        server.settimeout(2.0)  # the accepts below are bounded too
        address = server.getsockname()
        client = socket.create_connection(address, timeout=2.0)
        conn = accept_from(server, client)

        print("1. Blocking: settimeout(None), the default. recv() waits as long as it takes;")
        print("   here the peer speaks about 300 ms later.")
        client.settimeout(None)
        speaker = threading.Timer(0.3, conn.send, args=(b"hello",))
        speaker.start()
        # The one wait with no timeout of its own: that is the lesson. Our own peer ends it 300 ms
        # later; the alarm is only there so that a broken peer cannot hang this program.
        signal.signal(signal.SIGALRM, blocking_wait_too_long)
        signal.alarm(10)
        show(f"gettimeout() = {client.gettimeout()}; recv(1024)", lambda: client.recv(1024))
        signal.alarm(0)
        speaker.join()

        print("\n2. Non-blocking: settimeout(0) (= setblocking(False)). Nothing waits:")
        client.settimeout(0)
        show(f"gettimeout() = {client.gettimeout()}; recv(1024)", lambda: client.recv(1024))
        fresh = socket.socket()
        fresh.setblocking(False)

        def connect_ex_fresh() -> str:
            result = fresh.connect_ex(address)
            return f"{result} ({errno.errorcode[result]})"

        show("connect_ex(server) on a non-blocking socket", connect_ex_fresh)

        print("\n3. Timeout mode: settimeout(0.5). recv() waits at most 0.5 s:")
        client.settimeout(0.5)
        show(f"gettimeout() = {client.gettimeout()}; recv(1024)", lambda: client.recv(1024), 0.5)
        with socket.socket() as timed:
            timed.settimeout(0.5)
            show("connect(a port that never answers)", lambda: timed.connect(hole), 0.5)
        with socket.socket() as timed_ex:
            timed_ex.settimeout(0.5)

            def connect_ex_hole() -> str:
                result = timed_ex.connect_ex(hole)
                return f"{result} ({errno.errorcode[result]}: what connect_ex returns on a timeout)"

            show("connect_ex(the same port)", connect_ex_hole, 0.5)

        print("\n4. The default for new sockets: setdefaulttimeout / getdefaulttimeout")
        print(f"  getdefaulttimeout() = {socket.getdefaulttimeout()}")
        socket.setdefaulttimeout(0.25)
        try:
            with socket.socket() as made:
                print(f"  after setdefaulttimeout(0.25): socket().gettimeout() = {made.gettimeout()}")
            server.settimeout(1.0)
            with socket.socket() as late:
                late.connect(address)
                # Not `fresh`'s connection from part 2, which is still queued: the one from `late`.
                with accept_from(server, late) as late_conn:
                    print(
                        f"  listener timeout {server.gettimeout()}, accepted socket timeout "
                        f"{late_conn.gettimeout()}: accepted sockets take the DEFAULT, not the listener’s"
                    )
        finally:
            socket.setdefaulttimeout(None)
        for sock in (client, conn, fresh):
            sock.close()


if __name__ == "__main__":
    run_main(main)
