# Run: python3 python/http_server.py [dir] [--port N] [--demo]
#
# The notes' http_server.py: a static-file HTTP/1.1 server on the socket module (no http.server),
# in its simplest shape, the one the notes start from: accept a connection, serve it, close it,
# accept the next. One connection at a time; http_server_threaded.py, http_server_forking.py and
# http_server_select.py are the three ways to serve many at once. With no dir it serves chapter 4's
# site/ folder. It prints its URL and serves until Ctrl-C; with --demo it makes a few requests to
# itself, prints what came back, and exits. The twin of chapters/04-server/examples/http-server.ts.
#
# Corrected from the notes: their loop calls accept() with no timeout and never leaves it; here
# accept() wakes every 0.2 s (to stop cleanly), each connection's reads are bounded, and requests
# that try to climb out of the site (../, %2e%2e, %2f) are refused with 403.
"""A static-file HTTP server, one connection at a time."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from netprog.cli import ArgumentParser, UsageError, listen_port, run_main
from netprog.http import CHAPTER_SITE, Handler, serve_connection, static_handler
from netprog.server_cli import listen, url_of


def serve(listener: socket.socket, handler: Handler, should_stop: Callable[[], bool]) -> None:
    """The mainloop: accept, serve, close, repeat. While one client is served, others wait in
    the listen backlog."""
    while not should_stop():
        try:
            conn, _addr = listener.accept()
        except TimeoutError:
            continue  # nobody came within ACCEPT_POLL_S: look at should_stop again
        serve_connection(conn, handler)


def demo(url: str, port: int) -> None:
    """GETs three pages with urllib, then sends three path-traversal attempts on a raw socket."""
    # No proxies: urllib would otherwise send these requests wherever http_proxy points.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for target in ["", "notes/hello.txt", "missing.txt"]:
        try:
            response = opener.open(url + target, timeout=5.0)
        except urllib.error.HTTPError as error:  # 4xx and 5xx arrive as exceptions in urllib
            response = error
        with response:
            body = response.read().decode()
            print(f"GET /{target} -> {response.status} {response.reason}")
            print(
                f"  content-type: {response.headers['content-type']}, "
                f"content-length: {response.headers['content-length']}"
            )
            print(f"  {next(line.strip() for line in body.splitlines() if line.strip())}")
    # Attacks go out as raw bytes, exactly as written: an HTTP client library may tidy the path
    # first (fetch() removes /%2e%2e/), and then the server never sees the attack.
    for target in ["/../package.json", "/%2e%2e/package.json", "/notes%2fhello.txt"]:
        reply = raw_request(port, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        status_line = reply.split(b"\r\n", 1)[0].decode()
        print(f"raw GET {target} -> {status_line}")


def raw_request(port: int, text: str) -> bytes:
    """Sends raw bytes and reads until the server closes (each wait bounded by 5 s)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5.0) as client:
        client.sendall(text.encode())
        chunks = []
        while chunk := client.recv(4096):
            chunks.append(chunk)
        return b"".join(chunks)


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("dir", nargs="?", type=Path, help="default: chapter 4's site/ folder")
    parser.add_argument("--port", type=listen_port, default=0, help="default 0: the kernel picks")
    parser.add_argument("--demo", action="store_true", help="request a few pages, then exit")
    args = parser.parse_args()
    root = args.dir if args.dir is not None else CHAPTER_SITE
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory; give a folder to serve")

    with listen(args.port) as listener:
        shown = "the chapter site" if args.dir is None else str(root.resolve())
        print(f"serving {shown} at {url_of(listener)}", flush=True)
        handler = static_handler(root)
        if not args.demo:
            serve(listener, handler, should_stop=lambda: False)  # until Ctrl-C
            return
        done = threading.Event()
        server = threading.Thread(target=serve, args=(listener, handler, done.is_set))
        server.start()
        try:
            demo(url_of(listener), listener.getsockname()[1])
        finally:
            done.set()
            server.join()


if __name__ == "__main__":
    run_main(main)
