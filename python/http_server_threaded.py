# Run: python3 python/http_server_threaded.py [--port N] [--workers N] [--demo]
#
# The notes' first model: "dispatching a thread to handle clientsocket". The accept loop creates
# a ClientThread (the notes' client_thread) for every connection and STARTS it, then goes straight
# back to accept(): each connection gets a thread of its own. The twin of
# chapters/04-server/examples/worker-pool-server.ts, the TypeScript server whose handlers compute
# in threads. In CPython the threads share one interpreter lock (the GIL): they wait for the
# network in parallel, but compute one at a time: a /hello gets turns at the lock between the
# /primes and is answered before they finish (not at once: each turn waits up to 5 ms per busy
# thread), and the four /primes together take as long as they would one after another.
#
# Corrected from the notes: their loop calls ct.run(), which runs the thread's body as a plain
# method call, in the accepting thread; no thread is started, and the next accept() waits until
# this client is done. http_server_threaded_notes.py keeps that bug, and ct_run_timing.py times
# both. The fix is one word: ct.start(). And the threads are capped (--workers, default 16): the
# accept loop waits for a free slot, so a flood of connections cannot start unbounded threads.
# With --demo it runs the experiment of netprog/model_demo.py against itself and exits.
"""Concurrency model 2: a thread per connection (ct.start(), not the notes' ct.run())."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from netprog.cli import run_main
from netprog.http import Handler, model_routes, serve_connection, this_thread
from netprog.model_server import run_model_server
from netprog.server_cli import ACCEPT_POLL_S

DEFAULT_WORKERS = 16
JOIN_TIMEOUT_S = 30.0


class ClientThread(threading.Thread):
    """The notes' client_thread: a thread whose body serves one connection, then frees its slot."""

    def __init__(self, conn: socket.socket, handler: Handler, slots: threading.Semaphore, name: str):
        super().__init__(name=name)
        self.conn = conn
        self.handler = handler
        self.slots = slots

    def run(self) -> None:
        try:
            serve_connection(self.conn, self.handler)
        finally:
            self.slots.release()


# region accept-loop
def serve(listener: socket.socket, handler: Handler, should_stop: Callable[[], bool], workers: int) -> None:
    """Accepts connections and starts a ClientThread for each, at most `workers` at once."""
    slots = threading.BoundedSemaphore(workers)
    threads: list[ClientThread] = []
    count = 0
    while not should_stop():
        if not slots.acquire(timeout=ACCEPT_POLL_S):
            continue  # all slots busy: wait for one (bounded, to look at should_stop again)
        try:
            conn, _addr = listener.accept()
        except TimeoutError:
            slots.release()
            continue
        count += 1
        ct = ClientThread(conn, handler, slots, name=f"client-{count}")
        ct.start()  # a NEW thread runs ct.run(); this one goes straight back to accept()
        threads = [t for t in threads if t.is_alive()] + [ct]
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT_S)
# endregion accept-loop


if __name__ == "__main__":
    run_main(
        lambda: run_model_server(
            __doc__,
            banner=lambda workers: f"threaded server (1 process, a thread per connection, at most {workers})",
            serve=serve,
            handler=model_routes(this_thread),
            workers_help=f"threads serving at once (default {DEFAULT_WORKERS})",
            default_workers=DEFAULT_WORKERS,
        )
    )
