"""The one line a Linux-only part of the course prints where it cannot run, in the words testbed's
linux-only helper gives the TypeScript twins: `<what> needs Linux (<why>); skipped on <platform>`.
Python's sys.platform and Node's process.platform agree on the names ('linux', 'darwin',
'win32'). The platform is a parameter, so the words are tested on Linux for macOS too."""

from __future__ import annotations

import sys


def linux_only_reason(what: str, why: str, platform: str = sys.platform) -> str | None:
    """None on Linux; elsewhere the line saying what needs Linux, why, and where it was skipped."""
    if platform == "linux":
        return None
    return f"{what} needs Linux ({why}); skipped on {platform}"


def exit_unless_linux(what: str, why: str, platform: str = sys.platform) -> None:
    """For a program that is Linux-only as a whole: elsewhere prints the line and exits 0."""
    reason = linux_only_reason(what, why, platform)
    if reason is not None:
        print(reason)
        sys.exit(0)


def on_linux_or_say(what: str, why: str, platform: str = sys.platform) -> bool:
    """For a Linux-only part: True on Linux; elsewhere prints the line and returns False."""
    reason = linux_only_reason(what, why, platform)
    if reason is not None:
        print(reason)
    return reason is None
