"""Port lists as people type them, like nmap's -p: "80", "1-1024", "22,80,8000-8100". The same
rules and messages as chapter 3's port-spec.ts."""

from __future__ import annotations

import re

MIN_PORT = 1
MAX_PORT = 65535


class PortSpecError(ValueError):
    """A port list that cannot be read; the message says how to write it."""


def parse_port_spec(spec: str) -> list[int]:
    """parse_port_spec("22,80,8000-8002") == [22, 80, 8000, 8001, 8002]"""
    if spec.strip() == "":
        raise PortSpecError(
            "empty port list: give ports like 80, ranges like 1-1024, or both: 22,80,8000-8100"
        )
    ports: set[int] = set()
    for raw in spec.split(","):
        low, high = _read_token(raw.strip())
        ports.update(range(low, high + 1))
    return sorted(ports)


def _read_token(token: str) -> tuple[int, int]:
    if token == "":
        raise PortSpecError("empty item in the port list (two commas in a row?): write e.g. 22,80")
    span = re.fullmatch(r"(\d+)\s*-\s*(\d+)", token)
    if span is not None:
        low, high = _read_port(span[1], token), _read_port(span[2], token)
        if low > high:
            raise PortSpecError(
                f'port range "{token}" runs backwards: write the low port first ({high}-{low})'
            )
        return low, high
    port = _read_port(token, token)
    return port, port


def _read_port(text: str, token: str) -> int:
    # ASCII digits only: int() would also accept " 80", "8_0" and other digits of Unicode.
    if re.fullmatch(r"[0-9]+", text) is None:
        raise PortSpecError(f'"{token}" is not a port or a range: use numbers like 80 or 1-1024')
    port = int(text)
    if not MIN_PORT <= port <= MAX_PORT:
        raise PortSpecError(
            f'port {text} in "{token}" is out of range: ports go from {MIN_PORT} to {MAX_PORT}'
        )
    return port


def format_port_spec(ports: list[int]) -> str:
    """format_port_spec([22, 80, 81, 82]) == "22,80-82" """
    ranges: list[list[int]] = []  # [low, high] pairs
    for port in sorted(set(ports)):
        if ranges and ranges[-1][1] == port - 1:
            ranges[-1][1] = port
        else:
            ranges.append([port, port])
    return ",".join(str(low) if low == high else f"{low}-{high}" for low, high in ranges)
