# Run: python3 python/lifecycle.py
#
# The socket lifecycle one call at a time: the server's socket -> bind -> listen -> accept and the
# client's socket -> connect, then close. After every call it prints what the program sees (the
# socket's repr) and what the kernel sees (its /proc/net/tcp line). The Python twin of
# chapters/02-socket-lifecycle/examples/lifecycle.ts; compare the two at socket() and bind():
# Python makes the OS socket at socket() and binds at bind() (the port is known at once), while
# Node makes it, and binds, only in listen(). Linux only (the kernel's side is read from
# /proc/net/tcp): elsewhere it says so in one line and exits 0, as its twin does. All on 127.0.0.1.
"""The socket lifecycle, call by call, as the program and the kernel see it."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from netprog.cli import ArgumentParser, EnvironmentProblem, run_main
from netprog.linux_only import exit_unless_linux
from netprog.proc_net import Entry, describe, format_table, kernel_view, tcp_entries, wait_for_entry


def peer_of(sock: socket.socket) -> str:
    """getpeername(), or the errno name it raises (ENOTCONN for a socket with no peer)."""
    try:
        return str(sock.getpeername())
    except OSError as error:
        return errno.errorcode.get(error.errno or 0, str(error))


def show(call: str, sock: socket.socket, note: str = "") -> None:
    print(call + (f"    # {note}" if note else ""))
    print(f"  program: {sock}  getpeername() -> {peer_of(sock)}")
    print(f"  kernel:  {kernel_view(sock)}")


def main() -> None:
    ArgumentParser(description=__doc__).parse_args()  # no arguments; --help explains
    exit_unless_linux("lifecycle.py", "the kernel's view of each socket is read from /proc/net/tcp")
    if not Path("/proc/net/tcp").exists():
        raise EnvironmentProblem("cannot read /proc/net/tcp: is /proc mounted?")

    print("--- server ---")
    server = socket.socket()
    server.settimeout(2.0)  # accept() below waits for our own client only; bounded anyway
    show("server = socket()", server, "Python creates the OS socket here")
    server.bind(("127.0.0.1", 0))
    show("server.bind(('127.0.0.1', 0))", server, "bound: port 0 became a real port already")
    server.listen()
    address = server.getsockname()
    show("server.listen()", server, "now the kernel lists it: LISTEN")

    print("--- client ---")
    client = socket.socket()
    client.settimeout(2.0)
    show("client = socket()", client)
    client.connect(address)
    show(f"client.connect(('{address[0]}', {address[1]}))", client, "the kernel chose the client port")

    print("--- accept ---")
    client_port = client.getsockname()[1]
    # An open port accepts anyone: a port scanner on this machine may connect first. Accept until
    # the connection from our own client arrives, and close strangers' (socket-core's acceptFrom).
    while True:
        conn, peer = server.accept()
        if peer == client.getsockname():
            break
        conn.close()
    print(f"conn, addr = server.accept()    # addr = {peer}")
    show("conn", conn, "a NEW socket: the client's mirror image")
    show("server", server, "unchanged: it only produces connected sockets")

    print("--- the three sockets, as /proc/net/tcp lists them ---")
    port = address[1]

    def of_this_connection(e: Entry) -> bool:
        return (
            (e.state == "LISTEN" and e.local[1] == port)
            or (e.local[1] == client_port and e.remote[1] == port)
            or (e.local[1] == port and e.remote[1] == client_port)
        )

    def role(e: Entry) -> int:  # the notes' order: the listener, the client's, the server's
        return 0 if e.state == "LISTEN" else 1 if e.local[1] == client_port else 2

    print(format_table(sorted(filter(of_this_connection, tcp_entries()), key=role)))

    print("--- close: the client closes first ---")
    client.close()
    print(f"client.close()  -> {client}")
    conn.close()
    print(f"conn.close()    -> {conn}")
    time_wait = wait_for_entry(
        lambda e: e.state == "TIME_WAIT" and e.local[1] == client_port and e.remote[1] == port
    )
    print(f"kernel: {describe(time_wait)}  (inode {time_wait.inode}: no process holds it)")
    server.close()
    print(f"server.close()  -> {server}")
    left = [describe(e) for e in tcp_entries() if of_this_connection(e)]
    print(f"left in the kernel: {', '.join(left)}")
    print("(the side that closed first keeps TIME_WAIT for 60 s, so late packets of this")
    print(" connection cannot be mistaken for a new one on the same ports)")


if __name__ == "__main__":
    run_main(main)
