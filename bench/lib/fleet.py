"""Part 6: a fleet. Several servers on loopback, each the tutorial's set-up with HAProxy in front of its two slots
and its own Standby agent, coordinated through a real ZooKeeper server from Debian's `zookeeper` package, behind one
front HAProxy that spreads wrk's keep-alive load over them. One commit is pushed and timed until every server's own
proxy answers with it (the whole fleet live); wrk counts what failed through the front meanwhile."""
import json
import time
from pathlib import Path
from string import Template

from . import load, proc
from .proc import HAPROXY, run
from .sandbox import REPO, Sandbox, get

ZOOKEEPER_JAR = Path("/usr/share/java/zookeeper.jar")
SOAK = "2s"
# The front HAProxy's configuration, one file for the fleet ITs, this bench and bin/demo-fleet.
FRONT_CONFIG = Template((REPO / "test-support/src/main/resources/io/standby/testsupport/front-haproxy.cfg").read_text())


def fleet_yaml(zookeeper_port, host, batch):
    return (f"fleet:\n  zookeeper: 127.0.0.1:{zookeeper_port}\n  name: bench\n  host: {host}\n  batch-size: {batch}\n"
            f"  canary: 1\n  canary-soak: {SOAK}\n  host-deadline: 3m\n  session-timeout: 10s\n  connection-timeout: 3s\n")


def start_zookeeper(root, reaper):
    import subprocess
    if not ZOOKEEPER_JAR.exists():
        raise proc.Failed(f"{ZOOKEEPER_JAR} is missing: install Debian's zookeeper package (bin/setup-machine does)")
    port = proc.free_port()
    (root / "data").mkdir(parents=True, exist_ok=True)
    cfg = root / "zoo.cfg"
    cfg.write_text(f"tickTime=500\ndataDir={root / 'data'}\nclientPort={port}\nclientPortAddress=127.0.0.1\n"
                   "admin.enableServer=false\n")
    with open(root / "zookeeper.log", "w") as log:
        server = subprocess.Popen(["java", "-Xmx128m", "-XX:+UseSerialGC", "-cp", str(ZOOKEEPER_JAR),
                                   "org.apache.zookeeper.server.ZooKeeperServerMain", str(cfg)],
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    reaper.add(server)
    proc.wait_until(lambda: proc.listening(port), 30, f"ZooKeeper on {port}")
    return port


def start_front(root, servers, reaper):
    root.mkdir(parents=True, exist_ok=True)
    port = proc.free_port()
    backends = "\n".join(f"    server {name} 127.0.0.1:{s.proxy} check" for name, s in servers)
    (root / "front.cfg").write_text(FRONT_CONFIG.substitute(socket=root / "admin.sock", port=port, servers=backends))
    run([HAPROXY, "-D", "-f", root / "front.cfg", "-p", root / "front.pid"], cwd=root)
    reaper.add_pid_file(root / "front.pid", expect="haproxy")
    proc.wait_until(lambda: proc.listening(port), 10, f"the front HAProxy on {port}")
    return port


def measure(root, hosts, batch, delay_ms, log):
    """One rollout of one commit across `hosts` servers, at most `batch` at a time, under load through the front."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    reaper = proc.Reaper()
    servers = []
    agents = []
    try:
        zookeeper = start_zookeeper(root / "zookeeper", reaper)
        for i in range(1, hosts + 1):
            # Short directory names: EasySwoole binds Unix sockets under Temp/, whose paths may not reach 108 bytes.
            servers.append((f"web-{i}", Sandbox(root / f"h{i}", "haproxy")))
        first = servers[0][1].init_repo()
        for name, s in servers:
            s.bare = first.bare  # one repository for the whole fleet
            # The configuration first: `standby haproxy-config`, which writes the proxy's, reads it.
            s.hand_deploy_v1().write_config(extra=fleet_yaml(zookeeper, name, batch)).start_proxy()
        front = start_front(root / "front", servers, reaper)
        agents = [s.start_agent() for _, s in servers]

        def registered():
            status = json.loads(first.standby("fleet", "status", "--json"))
            return sum(1 for h in status["hosts"] if h["registered"] and h["state"] == "serving") == hosts
        proc.wait_until(registered, 120, f"{hosts} agents to join the fleet and report", interval=1)
        log(f"  fleet: {hosts} servers joined; pushing one commit (K={batch})")
        wrk = load.Wrk(front, reaper, delay_ms=delay_ms)
        time.sleep(3)
        first.write("VERSION", "2")
        sha = first.commit("v2: say version 2")
        began = first.push()
        live_at = {}

        def everywhere():
            for name, s in servers:
                if name not in live_at and get(s.proxy)[1].endswith(f"version 2 on port {s.green}"):
                    live_at[name] = time.time() - began
            return len(live_at) == hosts
        proc.wait_until(everywhere, 300, "every server to serve the pushed commit", interval=0.1)
        fleet_live = max(live_at.values())
        time.sleep(2)
        result = wrk.stop()
        status = json.loads(first.standby("fleet", "status", "--json"))
        rollout = status.get("rollout") or {}
        failures = load.failures(result)
        notes = []
        if rollout.get("commit") != sha or rollout.get("phase") != "done":
            notes.append(f"the rollout of {sha[:7]} ended {rollout.get('phase')}: {rollout.get('reason')}")
        return {"hosts": hosts, "batch": batch, "soak": SOAK, "push_to_fleet_live_s": round(fleet_live, 2),
                "per_host_live_s": {n: round(t, 2) for n, t in sorted(live_at.items())},
                "requests": result["requests"], "failed": failures["failed"], "resets": failures["resets"],
                "statuses": result["statuses"], "notes": notes}
    finally:
        for agent, (_, s) in zip(agents, servers):
            s.stop_agent(agent)
        for _, s in servers:
            s.close()
        reaper.stop_all()
