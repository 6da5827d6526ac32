"""What the concurrency-model servers share around their accept loops: the command line, the
listening socket, serving until Ctrl-C, and --demo (serve until the demo client is done)."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable

from . import model_demo
from .http import Handler
from .server_cli import listen, model_parser, url_of

# serve(listener, handler, should_stop, workers): one concurrency model's accept loop.
Serve = Callable[[socket.socket, Handler, Callable[[], bool], int], None]


def run_model_server(
    description: str,
    banner: Callable[[int], str],
    serve: Serve,
    handler: Handler,
    workers_help: str,
    default_workers: int,
) -> None:
    """Parses [--port N] [--workers N] [--demo], listens, prints `banner(workers) listening at
    URL`, and serves: until Ctrl-C, or with --demo until the demo client has its answers."""
    args = model_parser(description, workers_help, default_workers).parse_args()
    with listen(args.port) as listener:
        print(f"{banner(args.workers)} listening at {url_of(listener)}", flush=True)
        if not args.demo:
            serve(listener, handler, lambda: False, args.workers)
            return
        sys.stdout.flush()  # before any fork: a child must not inherit unwritten output
        client = model_demo.start_client(url_of(listener))
        try:
            serve(listener, handler, model_demo.client_done(client), args.workers)
        finally:
            if client.poll() is None:
                client.kill()
        model_demo.report(client)
