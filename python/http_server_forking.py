# Run: python3 python/http_server_forking.py [--port N] [--workers N] [--demo]
#
# The notes' second model: "create a new process to handle clientsocket". The accept loop forks
# for every connection: the child (a copy of this process, the connected socket included) serves
# it and exits; the parent closes its own copy of the socket and goes back to accept(). Each child
# has its own interpreter and its own GIL, so the /primes requests compute in parallel, one core
# each. The twin of chapters/04-server/examples/prefork-server.ts, which starts its processes
# once, ahead of time, and hands each one connections; forking per connection pays for a
# process start on every request instead (see the chapter). POSIX only: os.fork().
# --workers caps the children alive at once (default 16); the loop waits for one to finish.
# With --demo it runs the experiment of netprog/model_demo.py against itself and exits.
"""Concurrency model 3: a process per connection (os.fork)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from netprog.cli import run_main
from netprog.http import Handler, model_routes, serve_connection
from netprog.model_server import run_model_server

DEFAULT_WORKERS = 16


def reap(children: set[int], block: bool = False) -> None:
    """Collects finished children, so they do not linger as zombies (<defunct> in ps). With
    block, waits for one of OUR children: os.waitpid(-1) could also reap another child of this
    process (the --demo client) behind its owner's back."""
    for pid in list(children):
        done, _status = os.waitpid(pid, 0 if block else os.WNOHANG)
        if done != 0:
            children.discard(pid)
        if block:
            return  # one is enough to free a slot


def serve(listener: socket.socket, handler: Handler, should_stop: Callable[[], bool], workers: int) -> None:
    children: set[int] = set()
    while not should_stop():
        reap(children)
        if len(children) >= workers:
            # Every child's socket reads are bounded (netprog.http), so this wait is bounded too.
            reap(children, block=True)
            continue
        try:
            conn, _addr = listener.accept()
        except TimeoutError:
            continue
        pid = os.fork()
        if pid == 0:  # the child: serve this one connection, then exit
            listener.close()  # the child never accepts
            try:
                serve_connection(conn, handler)
            finally:
                os._exit(0)  # skip the parent's clean-up (and its unflushed output)
        conn.close()  # the parent's copy; the child keeps the connection open
        children.add(pid)
    while children:
        reap(children, block=True)


if __name__ == "__main__":
    run_main(
        lambda: run_model_server(
            __doc__,
            banner=lambda workers: f"forking server (a process per connection, at most {workers})",
            serve=serve,
            handler=model_routes(lambda: f"process {os.getpid()}"),
            workers_help=f"child processes serving at once (default {DEFAULT_WORKERS})",
            default_workers=DEFAULT_WORKERS,
        )
    )
