"""Issue 14: what one port question of the `starting` stage costs as TIME_WAIT sockets pile up. Before, each question
("does anything listen on the slot's port?") read and split every line of /proc/net/tcp and tcp6; now the agent reads
only the listeners at the head of each table. `PortQuestions.java` asks both ways with the agent's own classes (the
jar), at 1,000 and 50,000 TIME_WAIT sockets that it makes on loopback, inside a network namespace of its own
(`unshare -n`), so that they take no port from anything else on the machine."""
import json
import os

from pathlib import Path

from . import proc, sandbox

HARNESS = Path(__file__).resolve().parent / "PortQuestions.java"
COUNTS = (1000, 50000)


def measure(log, counts=COUNTS):
    # Root makes the namespace directly; anyone else needs a user namespace around it.
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    java = ["java", *sandbox.SMALL_JVM, "-cp", str(sandbox.JAR), str(HARNESS), *map(str, counts)]
    output = proc.out([*unshare, "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *java], timeout=300)
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    for row in rows:
        log(f"  {row['time_wait']} TIME_WAIT ({row['lines']} lines): whole table {row['whole_table_ms']} ms, "
            f"listeners only {row['listeners_only_ms']} ms, who holds the port {row['who_holds_ms']} ms")
    return rows
