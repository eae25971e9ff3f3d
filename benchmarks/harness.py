"""Measuring one benchmark, and the table of all of them.

Each benchmark runs its work a few times and keeps the wall time of each run and the number of
database queries. Peak Python memory comes from one more run under tracemalloc, kept apart from
the timed runs because tracing every allocation slows Python down. Memory is what Python
allocated (the ORM's rows, the page, the lists), not the database server's.

A benchmark may also have a floor: the same answer from hand-written SQL (benchmarks/floors.py),
how fast the database itself can give it. The floor runs as many times as the work, each run
straight after one of the work's, so both meet the same load on the machine; its answer must
equal the work's, and the work's median may be at most `floor_ratio` times the floor's.
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

#: How much slower than its floor a figure may be: the figures are to be worked out at the speed
#: of the database, and half as long again leaves room for Django's own work (building the
#: queries, turning rows into numbers) without hiding a second pass over the data.
FLOOR_RATIO = 1.5


@dataclass
class Result:
    name: str
    target_seconds: float | None  # None: measured against its floor only
    target_on: str  # "median" or "max"
    why: str
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    peak_bytes: int | None = None
    memory_target_bytes: int | None = None
    value: object = None  # what the last timed run returned, for the benchmark to check
    floor_seconds: list[float] = field(default_factory=list)
    floor_value: object = None  # what the floor's last run returned
    floor_ratio: float | None = None  # the most the median may be, in floor medians

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
        return self.target_seconds is None or self.measured <= self.target_seconds

    @property
    def has_floor(self) -> bool:
        return self.floor_ratio is not None

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor_seconds)

    @property
    def ratio(self) -> float:
        """The median in floor medians."""
        return self.median / self.floor_median if self.floor_median else float("inf")

    @property
    def agrees(self) -> bool:
        """The floor gave the same answer as the work (True with no floor)."""
        return not self.has_floor or self.value == self.floor_value

    @property
    def ratio_met(self) -> bool:
        return not self.has_floor or self.ratio <= self.floor_ratio

    @property
    def memory_met(self) -> bool:
        return (self.memory_target_bytes is None or self.peak_bytes is None
                or self.peak_bytes <= self.memory_target_bytes)

    @property
    def met(self) -> bool:
        return self.time_met and self.memory_met and self.ratio_met and self.agrees

    def failure(self) -> str:
        missed = []
        if not self.agrees:
            missed.append("the floor gives a different answer")
        if not self.ratio_met:
            missed.append(f"median {self.median:.3f} s is {self.ratio:.1f}× the floor's "
                          f"{self.floor_median:.3f} s, against {self.floor_ratio:g}×")
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


def measure(name: str, work: Callable[[], object], *, target_seconds: float | None, why: str,
            runs: int = 5, warm_up: int = 1, target_on: str = "median",
            memory_target_mb: int | None = None,
            memory_work: Callable[[], object] | None = None,
            floor: Callable[[], object] | None = None,
            floor_ratio: float = FLOOR_RATIO) -> Result:
    """Run `work` `warm_up` times unmeasured (templates compiled, caches filled, as in a server
    that has been up a while), then `runs` times timed, then once more (`memory_work`, if the
    work must change between runs) under tracemalloc. With a `floor`, it is warmed up and timed
    alongside, each of its runs straight after one of the work's. The result joins RESULTS."""
    result = Result(name=name, target_seconds=target_seconds, target_on=target_on, why=why,
                    memory_target_bytes=memory_target_mb * MB if memory_target_mb else None,
                    floor_ratio=floor_ratio if floor is not None else None)
    RESULTS.append(result)
    for _ in range(warm_up):
        work()
        if floor is not None:
            floor()
    for _ in range(runs):
        seconds, queries, result.value = _run(work)
        result.seconds.append(seconds)
        result.queries.append(queries)
        if floor is not None:
            seconds, _, result.floor_value = _run(floor)
            result.floor_seconds.append(seconds)
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


def _seconds(seconds: float) -> str:
    # Floors and single figure groups at a small scale take hundredths of a second.
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds:.3f} s"


def _target(r: Result) -> str:
    parts = []
    if r.target_seconds is not None:
        parts.append(f"{r.target_on} ≤ {r.target_seconds:g} s")
    if r.memory_target_bytes:
        parts.append(f"≤ {r.memory_target_bytes / MB:,.0f} MB")
    if r.has_floor:
        parts.append(f"≤ {r.floor_ratio:g}× floor")
    return ", ".join(parts)


def _against_floor(r: Result) -> tuple[str, str]:
    """The floor's median, and the work's median over it."""
    if not r.has_floor:
        return "", ""
    same = "" if r.agrees else " (**answers differ**)"
    return _seconds(r.floor_median), f"{r.ratio:.1f}×{same}"


def table(results: list[Result]) -> str:
    lines = [
        "| benchmark | runs | median | max | queries a run | peak Python memory | floor median "
        "| ÷ floor | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if not r.seconds:
            lines.append(f"| {r.name} | 0 | | | | | | | | not run |")
            continue
        memory = f"{r.peak_bytes / MB:,.0f} MB" if r.peak_bytes is not None else ""
        floor, ratio = _against_floor(r)
        lines.append(
            f"| {r.name} | {len(r.seconds)} | {_seconds(r.median)} | {_seconds(r.max)} "
            f"| {_queries(r)} | {memory} | {floor} | {ratio} | {_target(r)} "
            f"| {'yes' if r.met else '**no**'} |"
        )
    if any(r.has_floor for r in results):
        lines += ["", "Floor: the same answer from one hand-written SQL statement for each figure "
                      "(benchmarks/floors.py), timed in the same run, each of its runs straight "
                      "after one of the app's; ÷ floor is the app's median over the floor's."]
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
