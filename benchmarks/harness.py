"""Measuring one benchmark, and the table of all of them.

Each benchmark runs its work a few times and keeps the wall time of each run and the number of
database queries. Peak Python memory comes from one more run under tracemalloc, kept apart from
the timed runs because tracing every allocation slows Python down. Memory is what Python
allocated (the ORM's rows, the page, the lists), not the database server's.
"""

import gc
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

MB = 1024 * 1024


@dataclass
class Result:
    name: str
    target_seconds: float
    target_on: str  # "median" or "max"
    why: str
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    peak_bytes: int | None = None
    memory_target_bytes: int | None = None
    value: object = None  # what the last timed run returned, for the benchmark to check

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)

    @property
    def measured(self) -> float:
        return self.median if self.target_on == "median" else self.max

    @property
    def time_met(self) -> bool:
        return self.measured <= self.target_seconds

    @property
    def memory_met(self) -> bool:
        return (self.memory_target_bytes is None or self.peak_bytes is None
                or self.peak_bytes <= self.memory_target_bytes)

    @property
    def met(self) -> bool:
        return self.time_met and self.memory_met

    def failure(self) -> str:
        missed = []
        if not self.time_met:
            missed.append(f"{self.target_on} {self.measured:.2f} s against "
                          f"{self.target_seconds:g} s")
        if not self.memory_met:
            missed.append(f"peak {self.peak_bytes / MB:.0f} MB against "
                          f"{self.memory_target_bytes / MB:.0f} MB")
        return f"{self.name}: " + "; ".join(missed)


#: Every result of this run, in the order measured.
RESULTS: list[Result] = []

#: What the benchmarks saw of the made-up service, for the report.
NOTES: list[str] = []


class QueryCounter:
    """Counts the queries on the default connection, at next to no cost (no SQL is kept)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _run(work: Callable[[], object]) -> tuple[float, int, object]:
    gc.collect()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        value = work()
        elapsed = time.perf_counter() - started
    return elapsed, counter.count, value


def measure(name: str, work: Callable[[], object], *, target_seconds: float, why: str,
            runs: int = 5, warm_up: int = 1, target_on: str = "median",
            memory_target_mb: int | None = None,
            memory_work: Callable[[], object] | None = None) -> Result:
    """Run `work` `warm_up` times unmeasured (templates compiled, caches filled, as in a server
    that has been up a while), then `runs` times timed, then once more (`memory_work`, if the
    work must change between runs) under tracemalloc. The result joins RESULTS."""
    result = Result(name=name, target_seconds=target_seconds, target_on=target_on, why=why,
                    memory_target_bytes=memory_target_mb * MB if memory_target_mb else None)
    RESULTS.append(result)
    for _ in range(warm_up):
        work()
    for _ in range(runs):
        seconds, queries, result.value = _run(work)
        result.seconds.append(seconds)
        result.queries.append(queries)
    gc.collect()
    tracemalloc.start()
    try:
        (memory_work or work)()
        result.peak_bytes = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result


def _queries(result: Result) -> str:
    low, high = min(result.queries), max(result.queries)
    return f"{low:,}" if low == high else f"{low:,} to {high:,}"


def table(results: list[Result]) -> str:
    lines = [
        "| benchmark | runs | median | max | queries a run | peak Python memory | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if not r.seconds:
            lines.append(f"| {r.name} | 0 | | | | | | not run |")
            continue
        memory = f"{r.peak_bytes / MB:,.0f} MB" if r.peak_bytes is not None else ""
        target = f"{r.target_on} ≤ {r.target_seconds:g} s"
        if r.memory_target_bytes:
            target += f", ≤ {r.memory_target_bytes / MB:,.0f} MB"
        lines.append(
            f"| {r.name} | {len(r.seconds)} | {r.median:.2f} s | {r.max:.2f} s | {_queries(r)} "
            f"| {memory} | {target} | {'yes' if r.met else '**no**'} |"
        )
    return "\n".join(lines)


def targets(results: list[Result]) -> str:
    return "\n".join(f"- {r.name}: {r.why}" for r in results)


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            kb = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
            memory = f", {kb / 1024 / 1024:.0f} GB memory"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu or platform.machine()}){memory}"
