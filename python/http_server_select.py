# Run: python3 python/http_server_select.py [--port N] [--workers N] [--demo]
#
# The notes' third model: "restructure this app to use non-blocking sockets, and multiplex
# between our server socket and any active client sockets using select." One process, one thread:
# the selectors module (epoll on Linux) reports which sockets are ready, and one loop serves them
# all, never waiting on any one client. The twin of chapters/04-server/examples/event-loop-server.ts
# (Node's own model is this one). Its weakness is the same: while a handler computes, nothing else
# runs. /primes computes in the handler, so a /hello that arrives meanwhile waits for it.
# --workers is accepted for the twins' sake and changes nothing: this model has one thread.
# With --demo it runs the experiment of netprog/model_demo.py against itself and exits.
"""Concurrency model 1: one thread, non-blocking sockets, a selectors loop."""

from __future__ import annotations

import os
import selectors
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from netprog.cli import run_main
from netprog.http import (
    REQUEST_TIMEOUT_S,
    BadRequest,
    Handler,
    answer,
    error_response,
    frame_response,
    head_complete,
    model_routes,
)
from netprog.model_server import run_model_server
from netprog.server_cli import ACCEPT_POLL_S


class ClientClock:
    """Time as the clients can be blamed for it: the wall clock minus the time this loop spent in
    handlers. While a handler computes, no client is read or written, so a client whose request
    waits in the kernel's buffer meanwhile is not slow, the loop is. Deadlines on the wall clock
    dropped exactly those clients, without an answer, once four /primes took more than
    REQUEST_TIMEOUT_S on a busy machine (the demo's client saw RemoteDisconnected)."""

    def __init__(self) -> None:
        self._busy_s = 0.0

    def now(self) -> float:
        return time.monotonic() - self._busy_s

    def run(self, work: Callable[[], bytes]) -> bytes:
        """Runs a handler; the time it takes does not count against any client."""
        started = time.monotonic()
        try:
            return work()
        finally:
            self._busy_s += time.monotonic() - started


@dataclass
class Connection:
    """What the loop remembers about one client between its events."""

    sock: socket.socket
    deadline: float  # on the ClientClock: the whole exchange must be done by then
    received: bytes = b""
    to_send: bytes = b""


Clients = dict[socket.socket, Connection]


def serve(listener: socket.socket, handler: Handler, should_stop: Callable[[], bool], _workers: int) -> None:
    listener.setblocking(False)
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ)
        clients: Clients = {}
        clock = ClientClock()
        while not should_stop():
            # The one place this thread waits: for ANY socket to be ready (bounded, to check stop).
            for key, _events in selector.select(timeout=ACCEPT_POLL_S):
                if key.fileobj is listener:
                    accept_all(listener, selector, clients, clock)
                else:
                    on_ready(key.data, handler, selector, clients, clock)  # data: the Connection
            for conn in [c for c in clients.values() if clock.now() > c.deadline]:
                close(conn, selector, clients)  # too slow: a stuck client must not stay for ever
        for conn in list(clients.values()):
            close(conn, selector, clients)


def accept_all(
    listener: socket.socket, selector: selectors.BaseSelector, clients: Clients, clock: ClientClock
) -> None:
    """Accepts every connection waiting in the backlog; never blocks."""
    while True:
        try:
            sock, _addr = listener.accept()
        except BlockingIOError:
            return  # the backlog is empty
        sock.setblocking(False)
        conn = Connection(sock, deadline=clock.now() + REQUEST_TIMEOUT_S)
        clients[sock] = conn
        selector.register(sock, selectors.EVENT_READ, data=conn)


def on_ready(
    conn: Connection, handler: Handler, selector: selectors.BaseSelector, clients: Clients, clock: ClientClock
) -> None:
    """One step for one client: read what arrived, or write what is pending. Never blocks."""
    try:
        if conn.to_send:
            sent = conn.sock.send(conn.to_send)  # as much as the kernel takes now
            conn.to_send = conn.to_send[sent:]
            if not conn.to_send:
                close(conn, selector, clients)  # one request per connection
            return
        chunk = conn.sock.recv(4096)
    except BlockingIOError:
        return  # a spurious wake-up: try again at the next event
    except OSError:
        close(conn, selector, clients)
        return
    if chunk == b"":
        close(conn, selector, clients)
        return
    conn.received += chunk
    try:
        if not head_complete(conn.received):
            return
        # The handler runs right here, in the loop's only thread: every other client waits.
        conn.to_send = clock.run(lambda: answer(conn.received, handler))
    except BadRequest as error:
        conn.to_send = frame_response(error_response(error.status, str(error)))
    selector.modify(conn.sock, selectors.EVENT_WRITE, data=conn)


def close(conn: Connection, selector: selectors.BaseSelector, clients: Clients) -> None:
    selector.unregister(conn.sock)
    conn.sock.close()
    del clients[conn.sock]


if __name__ == "__main__":
    run_main(
        lambda: run_model_server(
            __doc__,
            banner=lambda _workers: "select server (1 process, 1 thread)",
            serve=serve,
            handler=model_routes(lambda: f"process {os.getpid()}"),
            workers_help="accepted for the twins' sake; one thread serves everything",
            default_workers=1,
        )
    )
