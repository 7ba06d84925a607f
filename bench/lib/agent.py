"""Part 5: the agent itself. Resident memory and CPU of `standby run` while it idle-polls (every 2 s, sampled from
/proc/<pid>/status and /proc/<pid>/stat once a second), with the JVM's defaults and with flags that keep it small;
how long `standby status` takes with each (hyperfine when installed, else a timed loop); and how long the agent
takes to exit on SIGTERM."""
import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from . import proc, sandbox

TICKS = os.sysconf("SC_CLK_TCK")
CDS = "small flags + AppCDS"
VARIANTS = {"JVM defaults": [], "small flags": sandbox.SMALL_JVM, CDS: sandbox.SMALL_JVM}


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
    try:
        for name, flags in VARIANTS.items():
            sb = sandbox.Sandbox(root / name.replace(" ", "-").replace("+", "and"), router="nginx-flag", jvm=flags)
            sb.init_repo().hand_deploy_v1().write_config(poll="2s").start_proxy()
            boxes[name] = sb
        # Application class-data sharing: one run dumps the classes it loaded; later JVMs map the archive.
        archive = root / "standby.jsa"
        cds = boxes[CDS]
        proc.run([*cds.java(sandbox.SMALL_JVM + [f"-XX:ArchiveClassesAtExit={archive}"]), "status"], cwd=cds.root)
        cds.jvm = sandbox.SMALL_JVM + [f"-XX:SharedArchiveFile={archive}"]
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
        # SIGTERM all agents at once and time `status` while they go down: an agent slow to exit (seen: 30 s) then
        # costs the run its delay once, and a stopping agent holds no CPU that `status` would miss.
        import threading

        def stop(name):
            result[name]["sigterm_to_exit_s"] = round(boxes[name].stop_agent(agents[name], grace=40), 2)
        stoppers = [threading.Thread(target=stop, args=(name,)) for name in boxes]
        for t in stoppers:
            t.start()
        for name, sb in boxes.items():
            result[name]["status_ms"] = _status_time(sb, status_runs)
        for t in stoppers:
            t.join()
        for name, sb in boxes.items():
            result[name]["notes"] = sb.notes
            log(f"  agent, {name}: {result[name]}")
        return {"variants": result, "seconds": seconds, "poll": "2s",
                "status_tool": "hyperfine" if shutil.which("hyperfine") else "a timed loop"}
    finally:
        for sb in boxes.values():
            sb.close()


def _status_time(sb, runs):
    command = [str(a) for a in sb.java()] + ["status"]
    if shutil.which("hyperfine"):
        export = sb.root / "hyperfine.json"
        proc.run(["hyperfine", "--warmup", "1", "--runs", str(runs), "--shell=none", "--export-json", export,
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
