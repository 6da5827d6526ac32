# Run: python3 python/http_server_threaded_notes.py [--port N] [--workers N] [--demo]
#
# The notes' "threaded" server exactly as the notes wrote its loop, bug included:
#
#     while True:
#         (clientsocket, clientaddr) = ss.accept()
#         ct = client_thread(clientsocket)
#         ct.run()
#
# ct.run() is the thread's BODY, called here like any other method, in the accepting thread. No
# thread is started: the loop serves this client to the end before it calls accept() again, so
# clients are served one at a time, exactly like http_server.py's plain loop. The fix is
# ct.start() (http_server_threaded.py), which starts a new thread and makes IT call run().
# ct_run_timing.py times three slow clients against both. Kept to be read, run and compared.
"""The notes' threaded server, bug included: ct.run() instead of ct.start()."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from http_server_threaded import DEFAULT_WORKERS, ClientThread
from netprog.cli import run_main
from netprog.http import Handler, model_routes, this_thread
from netprog.model_server import run_model_server
from netprog.server_cli import ACCEPT_POLL_S


# region accept-loop
def serve(listener: socket.socket, handler: Handler, should_stop: Callable[[], bool], workers: int) -> None:
    """The notes' loop (with a stop check and the same slots as the fix, so only one word differs)."""
    slots = threading.BoundedSemaphore(workers)
    count = 0
    while not should_stop():
        if not slots.acquire(timeout=ACCEPT_POLL_S):
            continue
        try:
            conn, _addr = listener.accept()
        except TimeoutError:
            slots.release()
            continue
        count += 1
        ct = ClientThread(conn, handler, slots, name=f"client-{count}")
        ct.run()  # THE BUG: serves the client right here; accept() waits until it is done
# endregion accept-loop


if __name__ == "__main__":
    run_main(
        lambda: run_model_server(
            __doc__,
            banner=lambda _workers: "the notes' threaded server (ct.run(): no thread is started)",
            serve=serve,
            handler=model_routes(this_thread),
            workers_help=f"as in http_server_threaded.py (default {DEFAULT_WORKERS}); unused by the bug",
            default_workers=DEFAULT_WORKERS,
        )
    )
