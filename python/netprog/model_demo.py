"""The experiment each concurrency-model server runs with --demo, as chapter 4's demo.ts does:
four CPU-heavy requests at once, then a cheap one shortly after. How long the cheap one waits
shows the model. The requests come from another process (demo_client.py); the server keeps
serving in this one until that process is done."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from collections.abc import Callable

HEAVY = 4
# CPython runs the trial-division loop far slower than V8: measured on the course's busy 2-core
# machine, 1.7 s for ONE count of the primes below 300,000, where chapter 4's recording shows the
# TypeScript event loop doing four in 0.6 s. Below 100,000 a request still costs some 0.3 s of
# CPU, enough to show each model, without a demo that takes half a minute.
HEAVY_BELOW = 100_000
HELLO_AFTER_MS = 20
CLIENT_TIMEOUT_S = 120.0


def start_client(url: str) -> subprocess.Popen[str]:
    """Starts the demo client process against the server at `url`."""
    return subprocess.Popen(
        [sys.executable, "-m", "netprog.demo_client", url, str(HEAVY), str(HEAVY_BELOW), str(HELLO_AFTER_MS)],
        cwd=Path(__file__).resolve().parent.parent,  # python/, where `-m netprog...` is found
        stdout=subprocess.PIPE,
        text=True,
    )


def client_done(client: subprocess.Popen[str]) -> Callable[[], bool]:
    """A should_stop for the accept loops: true once the client process has exited."""
    return lambda: client.poll() is not None


def report(client: subprocess.Popen[str]) -> None:
    """Reads the client's JSON line and prints what happened, in the twin's words."""
    out, _ = client.communicate(timeout=CLIENT_TIMEOUT_S)
    if client.returncode != 0:
        raise RuntimeError(f"the demo client exited with code {client.returncode}")
    data = json.loads(out)
    hello, results = data["hello"], data["results"]
    workers = {result["by"] for result in results}
    kind = next(iter(workers)).split(" ")[0]
    plural = "" if len(workers) == 1 else "es" if kind == "process" else "s"
    print(f"{HEAVY} x GET /primes?below={HEAVY_BELOW} at once, then GET /hello {HELLO_AFTER_MS} ms later:")
    print(f'  /hello ("{hello["body"].strip()}") answered after {hello["ms"]:.1f} ms')
    print(f'  each /primes answered "{results[0]["body"].strip()}"')
    print(f"  all {HEAVY} done after {data['allMs']:.1f} ms, computed by {len(workers)} {kind}{plural}")
