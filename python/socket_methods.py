# Run: python3 python/socket_methods.py [name]
#
# The notes' socket_methods.py: every resolution call of the socket module, for 'localhost' and
# for this machine's own name (or the name you give). The Python twin of
# chapters/01-resolution/examples/socket-methods.ts, which prints the same calls, in Python's
# spelling, as socket-core answers them. Everything goes through the operating system's
# resolver, which answers these names from /etc/hosts; this machine's name is looked up only when
# /etc/hosts lists it (otherwise the lookup would ask a DNS server, off this machine).
#
# Corrected from the notes: they say getfqdn() falls back to gethostname() when no name with a
# dot is found. CPython's socket.py falls back to the name gethostbyaddr() returned: on a machine
# whose /etc/hosts maps its name to 127.0.0.1, getfqdn() is 'localhost', not the machine's name.
# And their gaierror "[Errno 8] nodename nor servname provided" is macOS's; Linux says
# "[Errno -2] Name or service not known".
"""The socket module's resolution calls: getaddrinfo, gethostbyname(_ex), gethostbyaddr, getfqdn."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from typing import Any

from netprog.cli import ArgumentParser, run_main
from netprog.own_name import why_not_local


def print_call(call: str, run: Callable[[], Any], show: Callable[[Any], list[str]]) -> None:
    """The call, then '-> ' and its result (one tuple a line), or the exception it raised."""
    print(call)
    try:
        lines = show(run())
    except OSError as error:
        lines = [f"fails: socket.{type(error).__name__} [Errno {error.errno}] {error.strerror}"]
    print(f"  -> {lines[0]}")
    for line in lines[1:]:
        print(f"     {line}")
    print()


def one(value: object) -> list[str]:
    return [repr(value)]


def each(values: Iterable[object]) -> list[str]:
    return [repr(value) for value in values]


def resolve_name(name: str) -> None:
    """The four forward and reverse calls for one name."""
    print_call(f"gethostbyname({name!r})", lambda: socket.gethostbyname(name), one)
    print_call(f"gethostbyname_ex({name!r})", lambda: socket.gethostbyname_ex(name), one)
    print_call(f"gethostbyaddr({name!r})", lambda: socket.gethostbyaddr(name), one)
    # One tuple per address and socket type: STREAM, DGRAM and RAW.
    print_call(f"getaddrinfo({name!r}, 80)", lambda: socket.getaddrinfo(name, 80), each)


def main() -> None:
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("name", nargs="?", help="a host name (default: localhost and this machine)")
    args = parser.parse_args()
    name = args.name if args.name is not None else "localhost"

    print(f"== {name} and 127.0.0.1 ==\n")
    resolve_name(name)
    print_call("gethostbyaddr('127.0.0.1')", lambda: socket.gethostbyaddr("127.0.0.1"), one)
    print_call("getfqdn('127.0.0.1')", lambda: socket.getfqdn("127.0.0.1"), one)
    if args.name is not None:
        return

    # This machine's own name comes last: its answers differ from machine to machine.
    print("== this machine's name ==\n")
    own = socket.gethostname()
    print_call("gethostname()", socket.gethostname, one)
    reason = why_not_local(own)
    if reason is not None:
        print(f"(not looked up: {reason}; asking DNS would leave this machine)")
        return
    print_call("getfqdn()", socket.getfqdn, one)
    resolve_name(own)


if __name__ == "__main__":
    run_main(main)
