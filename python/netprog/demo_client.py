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

    def fetch(i: int) -> None:
        results[i] = get(url, targets[i])

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_S * 2)
    if any(result == {} for result in results):
        raise RuntimeError("a request failed; its error is printed above")
    return results


def main() -> None:
    url, heavy, below, hello_after_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    # Warm up: the first requests pay for imports and the server's first threads or processes.
    get(url, "hello")
    in_threads(url, ["primes?below=1000"] * heavy)

    started = time.perf_counter()
    heavy_results: list[dict[str, object]] = []
    runner = threading.Thread(
        target=lambda: heavy_results.extend(in_threads(url, [f"primes?below={below}"] * heavy))
    )
    runner.start()
    time.sleep(hello_after_ms / 1000)  # the cheap request comes a moment after the heavy ones
    hello = get(url, "hello")
    runner.join(timeout=TIMEOUT_S * 2)
    all_ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"hello": hello, "results": heavy_results, "allMs": all_ms}))


if __name__ == "__main__":
    main()
