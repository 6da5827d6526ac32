"""The client side of the concurrency-model demo, run as a process of its own
(`python3 -m netprog.demo_client URL HEAVY BELOW HELLO_AFTER_MS`): it must not share the
server's process, or a server busy computing would slow the client too, and the client would
time nothing honestly. Prints one JSON line: the /hello reply, the /primes replies, the total."""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
import urllib.parse

TIMEOUT_S = 30.0


def get(url: str, target: str) -> dict[str, object]:
    """One GET on a fresh connection, timed; every wait bounded by TIMEOUT_S."""
    parts = urllib.parse.urlsplit(url)
    started = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_S)
    try:
        conn.request("GET", f"/{target}")
        response = conn.getresponse()
        body = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"GET /{target} answered {response.status}: {body}")
        by = response.getheader("X-Served-By", "")
    finally:
        conn.close()
    return {"ms": (time.perf_counter() - started) * 1000, "body": body, "by": by}


def in_threads(url: str, targets: list[str]) -> list[dict[str, object]]:
    results: list[dict[str, object]] = [{} for _ in targets]
    errors: list[str] = []

    def fetch(i: int) -> None:
        try:
            results[i] = get(url, targets[i])
        except Exception as error:  # noqa: BLE001 - reported below, one line per request
            errors.append(f"GET /{targets[i]}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_S * 2)
    if errors or any(result == {} for result in results):
        raise RuntimeError("; ".join(errors) or f"a request did not finish within {TIMEOUT_S * 2:.0f} s")
    return results


def main() -> None:
    url, heavy, below, hello_after_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    # Warm up: the first requests pay for imports and the server's first threads or processes.
    get(url, "hello")
    in_threads(url, ["primes?below=1000"] * heavy)

    started = time.perf_counter()
    heavy_results: list[dict[str, object]] = []
    heavy_errors: list[str] = []

    def run_heavy() -> None:
        try:
            heavy_results.extend(in_threads(url, [f"primes?below={below}"] * heavy))
        except RuntimeError as error:
            heavy_errors.append(str(error))

    runner = threading.Thread(target=run_heavy)
    runner.start()
    time.sleep(hello_after_ms / 1000)  # the cheap request comes a moment after the heavy ones
    hello = get(url, "hello")
    runner.join(timeout=TIMEOUT_S * 2)
    if heavy_errors or len(heavy_results) != heavy:
        print(f"demo client: {'; '.join(heavy_errors) or 'the heavy requests did not finish'}", file=sys.stderr)
        sys.exit(1)
    all_ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"hello": hello, "results": heavy_results, "allMs": all_ms}))


if __name__ == "__main__":
    main()
