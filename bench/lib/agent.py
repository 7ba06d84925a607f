"""Part 5: the agent itself, against issue 14's goals. Resident memory and CPU of `standby run` while it idle-polls
(every 30 s, as the README's example; sampled from /proc/<pid>/status and /proc/<pid>/stat once a second), with the
JVM's defaults and with the flags the README tells operators to use (bin/standby's), without and with the class-data
archive `bin/standby --make-archive` makes; how long `standby status` takes with each (hyperfine when installed, else
a timed loop); and how long the agent takes to exit on SIGTERM."""
import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from . import proc, sandbox

TICKS = os.sysconf("SC_CLK_TCK")
LAUNCHER = sandbox.LAUNCHER
POLL = "30s"
# Issue 14: what an idle agent and a read-only command may cost.
GOALS = {"status_ms": 300, "rss_mb": 64, "cpu_percent": 0.2}


README = "README flags"
CDS = "README flags + archive"


def variants():
    """Each variant's flags for the agent, and for a short command such as `status` (bin/standby gives `run` a
    smaller young generation than every other command)."""
    agent, command = sandbox.launcher_agent_jvm(), sandbox.launcher_command_jvm()
    return {"JVM defaults": ([], []), README: (agent, command), CDS: (agent, command)}


def _goals(row):
    """Each goal of issue 14, met or not, by this row's numbers."""
    return {"status": row["status_ms"]["mean"] <= GOALS["status_ms"],
            "rss": row["rss_mb_median"] <= GOALS["rss_mb"],
            "cpu": row["cpu_percent"] <= GOALS["cpu_percent"]}


def _rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _cpu_ticks(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def measure(root, seconds, status_runs, log):
    boxes, agents = {}, {}
    flags_of = variants()
    try:
        for name, (flags, command) in flags_of.items():
            sb = sandbox.Sandbox(root / name.replace(" ", "-").replace("+", "and"), router="nginx-flag", jvm=flags,
                                 command_jvm=command)
            sb.init_repo().hand_deploy_v1().write_config(poll=POLL)
            # write_config's back-off suits its 500 ms polls; the configuration refuses one shorter than the interval.
            sb.config.write_text(sb.config.read_text().replace("max-backoff: 2s", f"max-backoff: {POLL}"))
            sb.start_proxy()
            boxes[name] = sb
        # The README's install step makes the archive beside the jar; the launcher then adds these flags.
        cds = boxes[CDS]
        archive = Path(sandbox.JAR).with_suffix(".jsa")
        proc.run([LAUNCHER, "--make-archive", "-c", cds.config], cwd=cds.root,
                 env={"STANDBY_JAR": str(sandbox.JAR)})
        with_archive = [f"-XX:SharedArchiveFile={archive}"] + sandbox.launcher_flags("quiet_cds")
        cds.jvm = flags_of[CDS][0] + with_archive
        for name, sb in boxes.items():
            agents[name] = sb.start_agent_ready()
        time.sleep(5)  # past start-up and the first polls
        samples = {name: [] for name in boxes}
        first = {name: (_cpu_ticks(a.pid), time.time()) for name, a in agents.items()}
        end = time.time() + seconds
        while time.time() < end:
            for name, a in agents.items():
                samples[name].append(_rss_kb(a.pid))
            time.sleep(1)
        result = {}
        for name, a in agents.items():
            ticks0, t0 = first[name]
            cpu = (_cpu_ticks(a.pid) - ticks0) / TICKS / (time.time() - t0)
            rss = samples[name]
            shown = [f.replace(str(archive), archive.name) for f in boxes[name].jvm]
            result[name] = {"flags": " ".join(shown) or "(none)",
                            "rss_mb_median": round(statistics.median(rss) / 1024, 1),
                            "rss_mb_max": round(max(rss) / 1024, 1), "cpu_percent": round(100 * cpu, 2)}
        # `status` is timed as an operator runs it: beside the agents idling, which hold no CPU to speak of (above).
        # Timing it while they exit measured their shutdown as much as the command.
        for name, sb in boxes.items():
            sb.jvm = sb.command_jvm + (with_archive if name == CDS else [])
            result[name]["status_flags"] = " ".join(f.replace(str(archive), archive.name) for f in sb.jvm) or "(none)"
            result[name]["status_ms"] = _status_time(sb, status_runs)
        # SIGTERM all agents at once: an agent slow to exit (seen: 30 s) then costs the run its delay once.
        import threading

        def stop(name):
            result[name]["sigterm_to_exit_s"] = round(boxes[name].stop_agent(agents[name], grace=40), 2)
        stoppers = [threading.Thread(target=stop, args=(name,)) for name in boxes]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join()
        for name, sb in boxes.items():
            result[name]["goals"] = _goals(result[name])
            result[name]["notes"] = sb.notes
            log(f"  agent, {name}: {result[name]}")
        return {"variants": result, "seconds": seconds, "poll": POLL, "goals": GOALS,
                "status_tool": "hyperfine" if shutil.which("hyperfine") else "a timed loop"}
    finally:
        for sb in boxes.values():
            sb.close()


def _status_time(sb, runs):
    command = [str(a) for a in sb.java()] + ["status"]
    if shutil.which("hyperfine"):
        export = sb.root / "hyperfine.json"
        proc.run(["hyperfine", "--warmup", "2", "--runs", str(runs), "--shell=none", "--export-json", export,
                  " ".join(command)], cwd=sb.root, timeout=600)
        data = json.loads(export.read_text())["results"][0]
        return {"mean": round(data["mean"] * 1000), "stddev": round(data["stddev"] * 1000), "min": round(data["min"] * 1000)}
    times = []
    subprocess.run(command, cwd=sb.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(command, cwd=sb.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return {"mean": round(statistics.mean(times) * 1000), "stddev": round(statistics.pstdev(times) * 1000),
            "min": round(min(times) * 1000)}
