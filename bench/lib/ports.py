"""Issue 14: what one port question of the `starting` stage costs as TIME_WAIT sockets pile up. Before, each question
("does anything listen on the slot's port?") read and split every line of /proc/net/tcp and tcp6; now the agent reads
only the listeners at the head of each table. `PortQuestions.java` asks both ways with the agent's own classes (the
jar), at 1,000 and 50,000 TIME_WAIT sockets that it makes on loopback, inside a network namespace of its own
(`unshare -n`), so that they take no port from anything else on the machine."""
import json
import os

from pathlib import Path

from . import proc, sandbox

HERE = Path(__file__).resolve().parent
COUNTS = (1000, 50000)
STARTS = 5


def measure(work, log, counts=COUNTS):
    rows = _isolated("PortQuestions.java", *counts)
    for row in rows:
        log(f"  {row['time_wait']} TIME_WAIT ({row['lines']} lines): whole table {row['whole_table_ms']} ms, "
            f"listeners only {row['listeners_only_ms']} ms, who holds the port {row['who_holds_ms']} ms")
    # The whole start of the daemon runtime, as the agent wires it, on the sample app: one namespace per count.
    app = Path(work) / "app"
    sandbox.copy_app(app)
    proc.run(sandbox.COMPOSER_INSTALL, cwd=app)
    for row in rows:
        start = _isolated("StartCost.java", app, row["time_wait"], STARTS)[0]
        row["start_ms"], row["start_lines"] = start["median_ms"], start["lines"]
        log(f"  {start['time_wait']} TIME_WAIT ({start['lines']} lines): the runtime's start {start['median_ms']} ms "
            f"(median of {STARTS}: {start['start_ms']})")
    return rows


def _isolated(harness, *args):
    """Runs a harness with the jar, in a network namespace of its own; the JSON lines it prints."""
    # Root makes the namespace directly; anyone else needs a user namespace around it.
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    java = ["java", *sandbox.launcher_agent_jvm(), "-cp", str(sandbox.JAR), str(HERE / harness), *map(str, args)]
    output = proc.out([*unshare, "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *java], timeout=300)
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]
