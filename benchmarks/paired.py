"""Paired timing: the two sides of a comparison run alternately, pair by pair, and the result is the
median of the per-pair ratios, in CPU seconds (this process and its children) and in wall seconds.

A change of machine load between two blocks of runs moves a block-by-block ratio; within one pair
both sides see nearly the same load, and CPU seconds hardly depend on load at all.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def cpu_seconds() -> float:
    """User + system seconds of this process and of every child it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def timed(action: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()
    return Timing(time.perf_counter() - wall, cpu_seconds() - cpu)


def paired(first: Callable[[], object], second: Callable[[], object], pairs: int,
           before_first: Callable[[], object] | None = None,
           before_second: Callable[[], object] | None = None) -> list[tuple[Timing, Timing]]:
    """``pairs`` (first, second) timings; odd pairs run ``second`` first. ``before_*`` run untimed."""
    results = []
    for index in range(pairs):
        order = [(0, before_first, first), (1, before_second, second)]
        if index % 2:
            order.reverse()
        got: dict[int, Timing] = {}
        for side, setup, action in order:
            if setup is not None:
                setup()
            got[side] = timed(action)
        results.append((got[0], got[1]))
    return results


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def report(title: str, first: str, second: str, results: list[tuple[Timing, Timing]],
           target: float | None = None) -> tuple[float, float]:
    """Print the medians of each side and of the per-pair ratios first / second; return the ratios."""
    cpu = statistics.median(a.cpu / b.cpu for a, b in results)
    wall = statistics.median(a.wall / b.wall for a, b in results)
    goal = f"   (target: {target:.2f} or less)" if target is not None else ""
    print(title)
    print(f"  {first:<40} CPU {statistics.median(a.cpu for a, _ in results):7.2f} s   "
          f"wall {statistics.median(a.wall for a, _ in results):7.2f} s")
    print(f"  {second:<40} CPU {statistics.median(b.cpu for _, b in results):7.2f} s   "
          f"wall {statistics.median(b.wall for _, b in results):7.2f} s")
    print(f"  ratio, median of {len(results)} pairs          CPU {cpu:7.3f}     wall {wall:7.3f}{goal}")
    print(f"  measured under {load()}")
    return cpu, wall


def command(*args: str, cwd: Path | None = None) -> None:
    """Run ``reportkit ARGS`` as a fresh command; stop the benchmark if it fails."""
    run = subprocess.run([sys.executable, "-m", "reportkit", *args], check=False, cwd=cwd, capture_output=True,
                         text=True)
    if run.returncode != 0:
        sys.exit(f"reportkit {' '.join(args)} failed:\n{run.stderr[-2000:]}")


def scratch_project(packs: tuple[str, ...]) -> Path:
    """A throwaway project holding copies of the repository's templates and the given packs."""
    base = Path(tempfile.mkdtemp(prefix="reportkit-benchmark-"))
    shutil.copytree(ROOT / "templates", base / "templates")
    for name in packs:
        shutil.copytree(ROOT / "content" / name, base / "content" / name)
    return base


def forget_renders(root: Path) -> None:
    """Empty the render cache (the chart cache stays: charts are drawn once, as before)."""
    shutil.rmtree(root / "build" / ".cache" / "renders", ignore_errors=True)
