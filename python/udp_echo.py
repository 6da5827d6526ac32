# Run: python3 python/udp_echo.py [message ...]
#
# A UDP echo server and client with Python's Berkeley calls: bind, then recvfrom() and sendto().
# No connection, no accept: the server answers whoever sent the datagram, at the address that
# came with it. The Python twin of chapters/06-udp/examples/udp-echo.ts, whose server uses
# node:dgram's 'message' event; here the server is a thread looping on recvfrom().
"""A UDP echo server (a thread) and a client: sendto / recvfrom, one datagram each."""

from __future__ import annotations

import socket
import threading

from netprog.cli import ArgumentParser, run_main


def serve(server: socket.socket, count: int) -> None:
    """Echoes `count` datagrams back to whoever sent them. Each wait is bounded by the timeout."""
    for _ in range(count):
        message, (host, port) = server.recvfrom(2048)
        print(f"server: {len(message)} bytes from {host}:{port}, echoing")
        server.sendto(message, (host, port))


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("messages", nargs="*", help="default: three short messages")
    messages = parser.parse_args().messages or ["hello", "each sendto is one datagram", "bye"]

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        server.settimeout(5.0)  # a server that hears nothing must not wait for ever
        port = server.getsockname()[1]
        print(f"server: bound to 127.0.0.1:{port}")
        echo = threading.Thread(target=serve, args=(server, len(messages)))
        echo.start()

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.settimeout(1.0)  # a lost datagram must not hang us
            print(f"client: {client}")
            for message in messages:
                sent = client.sendto(message.encode(), ("127.0.0.1", port))
                reply, (host, source) = client.recvfrom(2048)
                print(f"client: sent {sent} bytes, got {reply!r} from {host}:{source}")
            print(f"client: {client}")  # the first sendto bound it
        echo.join(timeout=5.0)


if __name__ == "__main__":
    run_main(main)
