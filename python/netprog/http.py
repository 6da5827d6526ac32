"""The HTTP/1.1 parts the four Python servers share: read one request from a socket, route it,
frame the response. One request per connection (every response says `Connection: close`), so
the servers differ only where the lesson is: how they wait for, and serve, their connections.
The rules follow chapter 4's TypeScript server (static-path.ts, static-handler.ts,
response-writer.ts, models/routes.ts), so both sides answer the same bytes."""

from __future__ import annotations

import email.utils
import re
import socket
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

MAX_HEAD_BYTES = 64 * 1024
REQUEST_TIMEOUT_S = 10.0  # a client that sends its request slower than this is dropped
MAX_FILE_BYTES = 16 * 1024 * 1024
CHAPTER_SITE = Path(__file__).resolve().parents[2] / "chapters" / "04-server" / "site"

HELLO_BODY = b"hello, world\n"
DEFAULT_PRIMES_BELOW = 20_000
MAX_PRIMES_BELOW = 10_000_000

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Request:
    method: str
    target: str


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Response]


def error_response(status: int, reason: str) -> Response:
    """error_response(404, '/x not found').body == b'404 Not Found: /x not found\\n'"""
    return Response(status, f"{status} {HTTPStatus(status).phrase}: {reason}\n".encode())


def frame_response(response: Response) -> bytes:
    """Status line, Date, Content-Type, any extra headers, Content-Length, Connection: close."""
    content_type = response.headers.get("Content-Type", "text/plain; charset=utf-8")
    extra = "".join(f"{k}: {v}\r\n" for k, v in response.headers.items() if k != "Content-Type")
    head = (
        f"HTTP/1.1 {response.status} {HTTPStatus(response.status).phrase}\r\n"
        f"Date: {email.utils.formatdate(usegmt=True)}\r\n"
        f"Content-Type: {content_type}\r\n{extra}"
        f"Content-Length: {len(response.body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + response.body


class BadRequest(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def read_request(conn: socket.socket) -> Request | None:
    """Reads one request head (up to the blank line); None if the client sent nothing at all.
    recv() may return any part of the stream, so we collect until b'\\r\\n\\r\\n' appears."""
    head = b""
    while not head_complete(head):
        chunk = conn.recv(4096)
        if chunk == b"":
            if head == b"":
                return None
            raise BadRequest(400, "the connection closed in the middle of the request head")
        head += chunk
    return parse_request_head(head)


def head_complete(head: bytes) -> bool:
    """True once the head's blank line has arrived; raises BadRequest (431) if it grows too big."""
    if b"\r\n\r\n" in head:
        return True
    if len(head) > MAX_HEAD_BYTES:
        raise BadRequest(431, "request head too large")
    return False


def parse_request_head(head: bytes) -> Request:
    """The method and target of a complete head (only the request line matters here)."""
    request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(400, f"malformed request line: {request_line!r}")
    return Request(method=parts[0], target=parts[1])


def answer(head: bytes, handler: Handler) -> bytes:
    """The framed response to a complete request head: the handler's, or the refusal's."""
    try:
        response = handler(parse_request_head(head))
    except BadRequest as error:
        response = error_response(error.status, str(error))
    return frame_response(response)


def serve_connection(conn: socket.socket, handler: Handler) -> None:
    """Serves one request on a connected (blocking) socket, then closes it. Every wait is
    bounded: the whole request must arrive within REQUEST_TIMEOUT_S of each recv()."""
    with conn:
        conn.settimeout(REQUEST_TIMEOUT_S)
        try:
            request = read_request(conn)
            if request is None:
                return
            response = handler(request)
        except BadRequest as error:
            response = error_response(error.status, str(error))
        except TimeoutError:
            response = error_response(408, f"request not complete within {REQUEST_TIMEOUT_S:.0f} s")
        except OSError:
            return  # the client went away (reset): nobody to answer
        try:
            conn.sendall(frame_response(response))
        except OSError:
            pass  # the client closed before reading its answer


# --- the static site (http_server.py) ------------------------------------------------------


def resolve_static_path(root: Path, target: str) -> Path | tuple[int, str]:
    """The file under `root` a target names, or (status, reason) to refuse it with. Checked twice
    on purpose, as in static-path.ts: the raw text (encoded tricks), then the final path."""
    path_part = re.split(r"[?#]", target, maxsplit=1)[0]
    if not path_part.startswith("/"):
        return 400, f'target must start with "/": {target}'
    if re.search(r"%(2f|5c|00)", path_part, re.IGNORECASE):
        return 403, 'encoded "/", "\\" or NUL in path'
    decoded = urllib.parse.unquote(path_part, errors="strict")
    if "\\" in decoded or "\0" in decoded:
        return 403, "backslash or NUL in path"
    if any(segment in ("..", ".") for segment in decoded.split("/")):
        return 403, 'dot segments ("..") are not allowed'
    relative = decoded + "index.html" if decoded.endswith("/") else decoded
    base = root.resolve()
    file = (base / ("." + relative)).resolve()
    if file != base and base not in file.parents:
        return 403, "path escapes the site root"
    return file


def static_handler(root: Path) -> Handler:
    """GET and HEAD of the files under root."""

    def handle(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            refused = error_response(405, f"{request.method} is not allowed here")
            return Response(refused.status, refused.body, {"Allow": "GET, HEAD"})
        try:
            resolved = resolve_static_path(root, request.target)
        except UnicodeDecodeError:
            return error_response(400, f"bad percent-encoding in {request.target}")
        if isinstance(resolved, tuple):
            return error_response(*resolved)
        file = resolved / "index.html" if resolved.is_dir() else resolved
        if not file.is_file():
            return error_response(404, f"{request.target} not found")
        if file.stat().st_size > MAX_FILE_BYTES:
            return error_response(500, f"{request.target} is too large to serve")
        content_type = CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream")
        return Response(200, file.read_bytes(), {"Content-Type": content_type})

    return handle


# --- the concurrency models' application (http_server_{select,threaded,forking}.py) --------


def count_primes_below(limit: int) -> int:
    """The stand-in for CPU-heavy work, trial division on purpose (models/primes.mjs)."""
    count = 0
    for n in range(2, limit):
        divisor = 2
        while divisor * divisor <= n:
            if n % divisor == 0:
                break
            divisor += 1
        else:
            count += 1
    return count


def model_routes(served_by: Callable[[], str]) -> Handler:
    """GET /hello and GET /primes?below=N, computed right here in the serving thread or process;
    `served_by` names it for the X-Served-By header."""

    def handle(request: Request) -> Response:
        if request.method != "GET":
            return error_response(405, f"{request.method} is not allowed")
        if request.target == "/hello":
            return Response(200, HELLO_BODY)
        path, _, query = request.target.partition("?")
        if path != "/primes":
            return error_response(404, f"{request.target} not found; try /hello or /primes?below=N")
        below_text = urllib.parse.parse_qs(query).get("below", [str(DEFAULT_PRIMES_BELOW)])[0]
        if not below_text.isdigit() or int(below_text) > MAX_PRIMES_BELOW:
            return error_response(400, f"below must be an integer from 0 to {MAX_PRIMES_BELOW}")
        below = int(below_text)
        body = f"{count_primes_below(below)} primes below {below}\n".encode()
        return Response(200, body, {"X-Served-By": served_by()})

    return handle


def this_thread() -> str:
    return f"thread {threading.current_thread().name}"
