# Run: python3 python/ct_run_timing.py [--delay-ms N]
#
# The notes' "threaded" server calls ct.run() in its accept loop; the fix calls ct.start(). This
# program times the difference. It runs each server's accept loop (the serve() of
# http_server_threaded_notes.py and of http_server_threaded.py) on 127.0.0.1 with a page that
# takes --delay-ms to make (default 300: it waits, as a page waiting on a database would), then
# three clients ask for it at once. It prints when each answer came and which thread served it.
# With ct.run() the accept loop itself serves each client to the end, so the second client is
# not even accepted until the first has its page: the last answer comes after about 3 x the
# delay. With ct.start() each client has its own thread: all three after about 1 x the delay.
#
# Why a slow page and not a slow sender: a client that sends its request slowly does not show
# the bug. The kernel completes the handshake and buffers the bytes of connections the program
# has not accept()ed yet, so all three requests are complete by the time the loop gets to them.
"""Three clients of a slow page against the notes' ct.run() server and the ct.start() fix."""

from __future__ import annotations

import argparse
import socket
import threading
import time

import http_server_threaded
import http_server_threaded_notes
from netprog.cli import ArgumentParser, run_main
from netprog.http import Handler, Request, Response, this_thread
from netprog.model_server import Serve
from netprog.server_cli import listen

CLIENTS = 3
CLIENT_TIMEOUT_S = 10.0


def slow_page(delay_s: float) -> Handler:
    """A handler whose page takes delay_s to make; X-Served-By names the thread that made it."""

    def handle(_request: Request) -> Response:
        time.sleep(delay_s)  # the page waits on something slow (no CPU used)
        return Response(200, b"done\n", {"X-Served-By": this_thread()})

    return handle


def client(port: int, started: float) -> tuple[float, str]:
    """GET / on a fresh connection: (ms from the common start to the answer, served by)."""
    with socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT_S) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    ms = (time.perf_counter() - started) * 1000
    for line in reply.split(b"\r\n"):
        if line.startswith(b"X-Served-By: "):
            return ms, line[len(b"X-Served-By: ") :].decode()
    raise RuntimeError(f"an answer without X-Served-By: {reply[:80]!r}")


def time_clients(serve: Serve, delay_s: float) -> list[tuple[float, str]]:
    """Runs `serve` in a thread named accept-loop and times CLIENTS clients started at once."""
    done = threading.Event()
    results: list[tuple[float, str]] = []
    with listen(0) as listener:
        port = listener.getsockname()[1]
        args = (listener, slow_page(delay_s), done.is_set, 16)
        server = threading.Thread(target=serve, args=args, name="accept-loop")
        server.start()
        started = time.perf_counter()
        clients = [
            threading.Thread(target=lambda: results.append(client(port, started)))
            for _ in range(CLIENTS)
        ]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout=CLIENT_TIMEOUT_S * CLIENTS)
        done.set()
        server.join(timeout=CLIENT_TIMEOUT_S)
    if len(results) != CLIENTS:
        raise RuntimeError(f"only {len(results)} of {CLIENTS} clients got an answer; see above")
    return sorted(results)


def delay_ms(text: str) -> int:
    if not text.isdigit() or not 10 <= int(text) <= 5000:
        raise argparse.ArgumentTypeError(f"needs milliseconds from 10 to 5000, got {text!r}")
    return int(text)


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("--delay-ms", type=delay_ms, default=300, help="how long the page takes")
    delay_s = parser.parse_args().delay_ms / 1000
    print(f"{CLIENTS} clients at once ask for a page that takes {delay_s * 1000:.0f} ms to make.\n")
    last = []
    for label, serve in [
        ("ct.run()   (the notes' loop, http_server_threaded_notes.py)", http_server_threaded_notes.serve),
        ("ct.start() (the fix, http_server_threaded.py)", http_server_threaded.serve),
    ]:
        print(label)
        results = time_clients(serve, delay_s)
        for rank, (ms, served_by) in enumerate(results, start=1):
            print(f"  answer {rank} after {ms:4.0f} ms, served by {served_by}")
        threads = {served_by for _ms, served_by in results}
        how = (
            "one thread served them, one after another"
            if len(threads) == 1
            else f"{len(threads)} threads served them at the same time"
        )
        print(f"  last answer after {results[-1][0]:.0f} ms: {how}\n")
        last.append(results[-1][0])
    print(f"ct.run()'s last answer came {last[0] / last[1]:.1f} x as late as ct.start()'s")


if __name__ == "__main__":
    run_main(main)
