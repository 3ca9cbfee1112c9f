"""Timing a call the way the benches report it: after one warm-up, the median and the best of N runs."""
import statistics
import time


def timed(func, runs):
    """``(median, minimum, result)`` of the seconds `func()` takes, over `runs` runs after one warm-up."""
    result = func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result
