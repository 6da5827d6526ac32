"""The servers' command lines, the same as their TypeScript twins' (chapter 4's cli-args.ts):
`[dir] [--port N] [--demo]` for the static server, `[--port N] [--workers N] [--demo]` for the
concurrency models; and the listening socket they all start from."""

from __future__ import annotations

import argparse
import socket

from .cli import ArgumentParser, listen_port

# The accept loops wake up this often to see whether they should stop (Ctrl-C, end of a demo):
# accept() with a timeout is a bounded wait, where a bare accept() would wait for ever.
ACCEPT_POLL_S = 0.2


def workers_count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"needs a number from 1 to 64, got {text!r}")
    return int(text)


def model_parser(description: str, workers_help: str, default_workers: int) -> ArgumentParser:
    parser = ArgumentParser(description=description)
    parser.add_argument("--port", type=listen_port, default=0, help="default 0: the kernel picks")
    parser.add_argument("--workers", type=workers_count, default=default_workers, help=workers_help)
    parser.add_argument("--demo", action="store_true", help="run the experiment against itself, then exit")
    return parser


def listen(port: int) -> socket.socket:
    """socket + bind + listen on 127.0.0.1 (create_server), with the accept-poll timeout."""
    listener = socket.create_server(("127.0.0.1", port))
    listener.settimeout(ACCEPT_POLL_S)
    return listener


def url_of(listener: socket.socket) -> str:
    host, port = listener.getsockname()[:2]
    return f"http://{host}:{port}/"
