"""Letting the machine settle between parts. The parts before `agent` write gigabytes (repositories of 50,000 commits,
vendor trees) and delete them, and the kernel goes on writing that back and reclaiming it for a while. The same
`standby status` took 260 ms on a quiet machine and 390-650 ms right after the growth part: a command timed in those
seconds measures what the machine is still doing, not itself. So each part begins with the page cache written back
and the CPU idle, up to a limit, and the run records how long that took and how idle the machine was."""
import os
import time
from pathlib import Path

IDLE_SHARE = 0.9       # of all cores, over one sample
SAMPLE_SECONDS = 1.0
LIMIT_SECONDS = 60.0


def _cpu_times():
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return idle, sum(fields[:8])  # without guest time, which user time already holds


def idle_share(seconds=SAMPLE_SECONDS):
    """The share of all cores' time spent idle over the next `seconds`."""
    idle0, total0 = _cpu_times()
    time.sleep(seconds)
    idle1, total1 = _cpu_times()
    return (idle1 - idle0) / max(1, total1 - total0)


def settle(log, limit=LIMIT_SECONDS):
    """Writes dirty pages back, then waits until one sample finds the CPU idle enough, for `limit` seconds at most.
    Returns what it found, for the results."""
    began = time.monotonic()
    os.sync()
    share = idle_share()
    while share < IDLE_SHARE and time.monotonic() - began < limit:
        share = idle_share()
    took = time.monotonic() - began
    found = {"seconds": round(took, 1), "idle": round(share, 2), "settled": share >= IDLE_SHARE}
    if not found["settled"]:
        log(f"  the machine did not settle within {limit:.0f} s (CPU {100 * share:.0f} % idle): numbers will be noisy")
    elif took > 5:
        log(f"  waited {took:.0f} s for the machine to settle (writeback, CPU {100 * share:.0f} % idle)")
    return found
