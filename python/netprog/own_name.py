"""Whether /etc/hosts alone answers this machine's own name, so that looking it up asks no DNS
server (the course's rule: no lookup of a name /etc/hosts cannot answer). The same rule as the
testbed's loopback guard (packages/testbed/src/loopback-guard/own-name.ts): glibc asks the sources
on the `hosts:` line of /etc/nsswitch.conf in order, and stops at the first that knows the name."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path


def _lines(text: str) -> list[list[str]]:
    return [line.split("#", 1)[0].split() for line in text.splitlines()]


def why_not_local(name: str, families: set[int] | None = None) -> str | None:
    """None when /etc/hosts answers `name` for IPv4 without any other source; else the reason."""
    if sys.platform != "linux":
        return f"on {sys.platform} the system resolver does not follow /etc/nsswitch.conf"
    if name == "":
        return "this machine has no name"
    try:
        nsswitch = Path("/etc/nsswitch.conf").read_text()
        hosts = Path("/etc/hosts").read_text()
    except OSError as error:
        return f"cannot read {error.filename}"
    hosts_line = next((f[1:] for f in _lines(nsswitch) if f and f[0] == "hosts:"), None)
    if not hosts_line:
        return "/etc/nsswitch.conf has no hosts: line, so which source answers is unknown"
    if hosts_line[0] != "files":
        return f"/etc/nsswitch.conf asks {hosts_line[0]} before /etc/hosts"
    if len(hosts_line) > 1 and hosts_line[1].startswith("[") and "success" in hosts_line[1].lower():
        return f"/etc/nsswitch.conf says {hosts_line[1]} after files, so a lookup may go on"
    listed = set()
    for fields in _lines(hosts):
        if len(fields) < 2 or name.lower() not in (n.lower() for n in fields[1:]):
            continue
        try:
            listed.add(ipaddress.ip_address(fields[0]).version)
        except ValueError:
            continue
    if not listed:
        return f"/etc/hosts has no line for {name}"
    if 4 not in listed:
        return f"/etc/hosts lists {name} for IPv6 only, and gethostbyname asks for IPv4"
    return None
