"""The programs' command-line plumbing: a user's mistake is one line on stderr and exit code 2,
never a stack trace (the course's rule, the same as testbed's runMain on the TypeScript side)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in what the user typed: printed as one line, exit code 2."""


class EnvironmentProblem(Exception):
    """Something missing on this machine (Node, `pnpm install`): one line, exit code 1."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse, except that an error is ONE line ("prog: what is wrong"), not usage + error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}; see --help\n")


def port_number(text: str) -> int:
    """argparse type for a port from 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f'"{text}" is not a port number (1-65535)')
    return int(text)


def listen_port(text: str) -> int:
    """argparse type for a port to listen on: 0 (the kernel picks one) to 65535."""
    if not text.isdigit() or len(text) > 5 or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"needs a number from 0 to 65535, got {text!r}")
    return int(text)


def positive_int(text: str) -> int:
    """argparse type for a whole number >= 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"needs a whole number >= 1, got {text!r}")
    return int(text)


def run_main(main: Callable[[], None]) -> None:
    """Runs a program's main(): UsageError -> one line + exit 2, EnvironmentProblem -> one line +
    exit 1, Ctrl-C -> exit 130 quietly, a closed pipe (`| head`) -> exit 141 quietly. Anything
    else is a bug and keeps its stack trace."""
    prog = sys.argv[0].rsplit("/", 1)[-1]
    try:
        main()
    except UsageError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except EnvironmentProblem as error:
        print(f"{prog}: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say, and nobody to say it to.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
