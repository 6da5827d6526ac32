# Run: python3 python/socket_data.py [host] [port]
#
# The notes' socket_data.py: a client socket's whole life, printed step by step: socket() ->
# connect() -> sendall() -> recv() until EOF -> close(). With no host it talks to a local HTTP
# server (the testbed's, started through Node), the same one its TypeScript twin starts:
# chapters/03-client/examples/client-lifecycle.ts.
#
# Corrected from the notes: they connect to www.python.org, and say that connect() "will not fail
# even if the host is not a real existing host" because of the ISP's DNS hijacking. That is the
# ISP's resolver lying, not socket behaviour: a name that does not exist raises socket.gaierror.
# This version stays on loopback and sets a timeout before connect(), as the notes' own timeout
# section recommends.
"""A client socket's lifecycle: socket, connect, sendall, recv until EOF, close."""

from __future__ import annotations

import socket
from contextlib import ExitStack

from netprog.cli import ArgumentParser, port_number, run_main
from netprog.fixtures import testbed_fixtures


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("host", nargs="?", help="default: a local HTTP server started for you")
    parser.add_argument("port", nargs="?", type=port_number, default=80)
    args = parser.parse_args()

    with ExitStack() as stack:
        if args.host is None:
            target = stack.enter_context(testbed_fixtures("http-hello"))["http-hello"]
            host, port = target.address
            print(f"(no host given: started a local HTTP server on {host}:{port})\n")
        else:
            host, port = args.host, args.port

        # 1. socket(): Python asks the OS for the socket at once, so it already has an fd.
        sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        sock.settimeout(2.0)  # seconds; every wait below (connect, sendall, recv) is bounded
        print("1. socket()    ", sock)

        # 2. connect(): the kernel picks an ephemeral local port and does the TCP handshake.
        sock.connect((host, port))
        print("2. connect()   ", sock)
        print("   local  (getsockname):", sock.getsockname(), "<- ephemeral port")
        print("   remote (getpeername):", sock.getpeername())

        # 3. send the request. The client speaks first; that is HTTP's rule, not TCP's.
        request = f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
        sock.sendall(request)  # send() may send only part; sendall() loops until all is sent
        print(f"3. sendall()    sent {len(request)} bytes: {request!r}")

        # 4. recv() until it returns b'': the server closed its side (EOF).
        print("4. recv(64) until EOF:")
        chunks = []
        call = 1
        while True:
            chunk = sock.recv(64)
            eof = " (EOF: the server closed)" if chunk == b"" else ""
            print(f"   recv #{call} -> {len(chunk)} bytes{eof}")
            if chunk == b"":
                break
            chunks.append(chunk)
            call += 1
        reply = b"".join(chunks)
        first_line = reply.split(b"\r\n", 1)[0]
        print(f"   reply: {len(reply)} bytes, first line {first_line!r}")

        # 5. close(): releases the OS socket. A client socket serves one exchange, then it is done.
        sock.close()
        print("5. close()     ", sock)


if __name__ == "__main__":
    run_main(main)
