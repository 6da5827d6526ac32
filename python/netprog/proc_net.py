"""What the kernel says about this process's TCP sockets, read from /proc/net/tcp (Linux), as
netstat and ss read it: the same view chapter 2's socket-core netstat() gives the TypeScript side."""

from __future__ import annotations

import os
import socket
import struct
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cli import EnvironmentProblem

# include/net/tcp_states.h
STATES = {
    1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2",
    6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING",
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One row of /proc/net/tcp: endpoints, state and the socket's inode (0 once no process owns it)."""

    local: tuple[str, int]
    remote: tuple[str, int]
    state: str
    inode: int


def _endpoint(text: str) -> tuple[str, int]:
    """'0100007F:9C5D' -> ('127.0.0.1', 40029): the address is in the kernel's byte order."""
    address, port = text.split(":")
    packed = struct.pack("<I", int(address, 16))  # one 32-bit word, little-endian on x86 and ARM
    return socket.inet_ntop(socket.AF_INET, packed), int(port, 16)


def tcp_entries() -> list[Entry]:
    """Every IPv4 TCP socket the kernel lists: listeners and connections (not bound-only ones).
    Linux only: elsewhere one line (EnvironmentProblem) saying so, not a FileNotFoundError."""
    if sys.platform != "linux":
        raise EnvironmentProblem(
            f"tcp_entries() reads Linux's /proc/net/tcp; {sys.platform} has no /proc: it works on Linux only"
        )
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    entries = []
    for line in lines:
        fields = line.split()
        entries.append(
            Entry(_endpoint(fields[1]), _endpoint(fields[2]), STATES[int(fields[3], 16)], int(fields[9]))
        )
    return entries


def inode_of(fd: int) -> int | None:
    """The socket inode behind a file descriptor of this process ('socket:[12345]' -> 12345)."""
    target = os.readlink(f"/proc/self/fd/{fd}")
    return int(target[len("socket:[") : -1]) if target.startswith("socket:[") else None


def describe(entry: Entry) -> str:
    """'LISTEN 127.0.0.1:41234 -> 0.0.0.0:*', like chapter 2's describeEntry."""
    return f"{entry.state} {endpoint_text(entry.local)} -> {endpoint_text(entry.remote)}"


def endpoint_text(endpoint: tuple[str, int]) -> str:
    host, port = endpoint
    return f"{host}:{'*' if port == 0 else port}"


def kernel_view(sock: socket.socket) -> str:
    """The kernel's line for this socket, or why it has none."""
    if sock.fileno() < 0:
        return "closed: no OS socket"
    inode = inode_of(sock.fileno())
    for entry in tcp_entries():
        if entry.inode == inode:
            return describe(entry)
    return f"socket:[{inode}] exists, but /proc/net/tcp lists only listeners and connections"


def wait_for_entry(match: Callable[[Entry], bool], timeout_s: float = 2.0) -> Entry:
    """Polls /proc/net/tcp until an entry matches (TIME_WAIT appears when the peer's FIN arrives,
    a moment after close() returns); raises TimeoutError after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        for entry in tcp_entries():
            if match(entry):
                return entry
        if time.monotonic() > deadline:
            raise TimeoutError(f"no matching socket appeared in /proc/net/tcp within {timeout_s} s")
        time.sleep(0.01)


def format_table(entries: list[Entry]) -> str:
    """A netstat-style table: Proto, Local Address, Foreign Address, State."""
    header = ["Proto", "Local Address", "Foreign Address", "State"]
    rows = [["tcp", endpoint_text(e.local), endpoint_text(e.remote), e.state] for e in entries]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell if i == len(row) - 1 else cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    )
