"""Timing for the benchmarks: the median wall time of repeated runs and the peak Python memory of the first."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable


def measure(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds over ``repeat`` runs, and the peak traced memory in MiB of the first."""
    times = []
    peak = 0.0
    for index in range(repeat):
        if index == 0:
            tracemalloc.start()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        if index == 0:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    return statistics.median(times), peak
