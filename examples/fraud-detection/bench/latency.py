"""Measure /predict latency against a running server and write bench/latency.json."""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

PAYLOAD = json.dumps(
    {
        "transaction_id": "bench",
        "amount": 42.0,
        "currency": "EUR",
        "created_at": "2026-11-18T12:00:00Z",
    }
).encode()


def one_request(url: str) -> float:
    """Send one scoring request and return its latency in milliseconds."""
    request = urllib.request.Request(url, PAYLOAD, {"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Run the benchmark and write percentiles."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8000/predict")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        latencies = list(pool.map(one_request, [args.url] * args.requests))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    result = {
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "throughput_rps": round(args.requests / elapsed),
        "requests": args.requests,
        "concurrency": args.concurrency,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    Path("bench/latency.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
