"""Part 1: requests failed during releases under keep-alive load, for Standby (nginx reload mode, nginx flag mode,
HAProxy), the seed tutorial's method, and bare nginx reloads (the reset floor). Also issue 6's cost of the flag
layout against a plain proxy_pass."""
import datetime
import hashlib
import hmac
import json
import os
import random
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from . import load, proc, report, sandbox
from .proc import NGINX

SEED_SCRIPT = Path(__file__).resolve().parents[1] / "seed" / "release.php"
STEADY_SECONDS = 3
LEAD_IN = 0.2       # wrk runs this long before each release starts: its connections are up and busy
STANDBY_TAIL = 0.3  # and this long after the release ended
POLL_S = 0.5        # the polling agents' poll interval (write_config(poll="500ms"))
SEED_TAIL = 1.0     # the seed's release returns right after `nginx -s reload`; give the reload time to play out
FLOOR_TAIL = 1.5
# The push-hook rows: an agent that would wait this long for its next poll, so only the hook explains a release.
HOOK_POLL = "30s"
HOOK_SECRET_ENV = "STANDBY_WEBHOOK_SECRET"
HOOK_SECRET = "the bench's push-hook secret"


def sick_supported():
    """Whether this checkout's sample app knows HEALTH_500_AFTER (healthy on its own port at first, failing in the
    watch window): then one release fails after the switch and is switched back."""
    return any("HEALTH_500_AFTER" in php.read_text(errors="replace") for php in sandbox.SAMPLE_APP.rglob("*.php")
               if "vendor" not in php.parts)


def plan(count, sick=None):
    """`count` releases: good ones; one whose server crashes at boot (fails before the switch) a third of the way in,
    and its fix; when the sample app supports it, one that turns unhealthy right after the switch two thirds of the
    way in, and its fix; a rollback last."""
    sick = sick_supported() if sick is None else sick
    steps = ["good"] * (count - 1) + ["rollback"]
    broken_at = count // 3
    steps[broken_at - 1], steps[broken_at] = "broken", "fix"
    if sick:
        sick_at = 2 * count // 3
        steps[sick_at - 1], steps[sick_at] = "sick", "fix"
    return steps


def iso(text):
    """An instant from the journal ("2026-11-22T20:21:05.862050449Z") as epoch seconds."""
    whole, _, fraction = text.rstrip("Z").partition(".")
    base = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return base + (float("0." + fraction) if fraction else 0.0)


def seconds(duration):
    """A java.time.Duration as the journal writes it ("PT1.5S", "PT1M2.5S") in seconds."""
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration)
    if not m:
        raise ValueError(f"not a duration: {duration}")
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


def stage_took(entry, stage):
    """Seconds a journal entry's stage ("FETCHING", "INSTALLING", ...) took."""
    return next(seconds(t["took"]) for t in entry["timings"] if t["stage"] == stage)


def stage_starts(entry):
    """When each stage of a journal entry began, as epoch seconds."""
    at = iso(entry["startedAt"])
    starts = {}
    for timing in entry["timings"]:
        starts[timing["stage"]] = at
        at += seconds(timing["took"])
    return starts


class Measured:
    """What one scenario saw: a wrk run per release, the probe's samples, each release's switch window, and for
    each pushed commit that went live, seconds from `git push` to the proxy answering it, by stage."""

    def __init__(self, name):
        self.name = name
        self.steady_wrk = None
        self.releases = []      # dicts: step, t0, end, wrk, result, window, push (stage split)
        self.steady_spans = []
        self.samples = []
        self.notes = []
        self.agent_log = ""
        self.prestart = []
        self.tcp_sockets = []   # how many TCP sockets the kernel listed at the end of each release, under load
        # Where in the agent's poll cycle each push lands. A real push comes at any moment; here each one would
        # otherwise come a fixed time after the last release ended, which is when the agent begins its pause, so
        # every push would wait nearly the whole interval. Seeded by the scenario's name: a run repeats itself.
        self.phase = random.Random(name)

    def summary(self):
        total = load.merge([r["wrk"] for r in self.releases])
        f = load.failures(total)
        windows = [r["window"] for r in self.releases if r.get("window")]
        probe = load.window_stats(self.samples, windows, self.steady_spans)
        durations = sorted(r["end"] - r["t0"] for r in self.releases)
        return {
            "name": self.name, "releases": len(self.releases), "switches": len(windows),
            "requests": total["requests"], "statuses": total["statuses"], **f,
            "wrk_errors": {k: total[k] for k in ("connect", "read", "write", "timeout", "status")},
            "steady_wrk": {k: self.steady_wrk[k] for k in ("requests", "p50_us", "p99_us", "max_us")} if self.steady_wrk else None,
            "probe": probe,
            "median_release_s": round(durations[len(durations) // 2], 2) if durations else None,
            "outcomes": _count(r.get("result", "?") for r in self.releases),
            "steps": _count(r["step"] for r in self.releases),
            "push": [r["push"] for r in self.releases if r.get("push")],
            "prestart_s": sorted(self.prestart)[len(self.prestart) // 2] if self.prestart else None,
            "tcp_sockets": sorted(self.tcp_sockets)[len(self.tcp_sockets) // 2] if self.tcp_sockets else None,
            "per_release": [{"n": i + 1, "step": r["step"], "result": r.get("result", ""),
                             "took_s": round(r["end"] - r["t0"], 2), **load.failures(r["wrk"]),
                             "requests": r["wrk"]["requests"]} for i, r in enumerate(self.releases)],
            "notes": self.notes,
        }


def _count(values):
    out = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _steady(measured, port, reaper, delay_ms):
    began = time.time()
    measured.steady_wrk = load.run_for(port, reaper, STEADY_SECONDS, delay_ms=delay_ms)
    measured.steady_spans.append((began + 0.2, time.time()))


class LiveWatch:
    """Polls GET / through the proxy (a fresh connection every 10 ms) until it answers the given version."""

    def __init__(self, port, version):
        self.port, self.version, self.seen_at, self.running = port, version, None, True
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while self.running and self.seen_at is None:
            status, body = sandbox.get(self.port, timeout=2)
            if status == 200 and f"version {self.version} on port" in body:
                self.seen_at = time.time()
                return
            time.sleep(0.01)

    def stop(self):
        self.running = False
        self.thread.join(5)
        return self.seen_at


def _commit(sb, step, n):
    """Commits the step's change; the version it makes the app answer, if it should go live."""
    if step == "broken":
        sb.write("BOOT_CRASH", "the server exits during boot\n")
        sb.commit(f"release {n}: breaks the boot")
        return None
    if step == "sick":
        sb.write("HEALTH_500_AFTER", "1\n")
        sb.commit(f"release {n}: /health fails a second after boot")
        return None
    if step == "fix":
        sb.delete("BOOT_CRASH")
        sb.delete("HEALTH_500_AFTER")
    sb.write("VERSION", str(n + 1))
    sb.commit(f"release {n}: version {n + 1}")
    return str(n + 1)


def standby_scenario(root, router, count, delay_ms, log, hook_releases=0):
    """Standby's agent (`standby run`, polling every 500 ms) releases each pushed commit; the rollback is
    `standby rollback` with the agent stopped (it holds the agent lock). With `hook_releases`, the same set-up then
    carries on with an agent that polls every 30 s and listens for the forge's push hook: each push is followed by
    GitHub's signed push event, so the release starts on the hook, not on a poll. Returns the Measured of each."""
    name = {"nginx-reload": "Standby, nginx reload mode", "nginx-flag": "Standby, nginx flag mode",
            "haproxy": "Standby, HAProxy"}[router]
    measured = Measured(name)
    sb = sandbox.Sandbox(root, router=router)
    wrk_reaper = proc.Reaper()
    try:
        sb.init_repo().hand_deploy_v1().write_config(poll="500ms").start_proxy()
        agent = sb.start_agent_ready()
        probe = load.Probe(sb.proxy)
        _steady(measured, sb.proxy, wrk_reaper, delay_ms)
        began = time.time()
        for n, step in enumerate(plan(count), start=1):
            _release(sb, measured, wrk_reaper, delay_ms, agent, step, n, count, log)
        measured.samples = probe.stop()
        _read_journal(sb, measured, began, time.time())
        measured.agent_log = (sb.root / "agent.log").read_text()
        measured.prestart = prestart_gaps(measured.agent_log)
        measured.notes.extend(sb.notes)
        if not hook_releases:
            return [measured]
        return [measured, _hook_phase(sb, name, wrk_reaper, delay_ms, count, hook_releases, log)]
    finally:
        wrk_reaper.stop_all()
        sb.close()


def _hook_phase(sb, name, wrk_reaper, delay_ms, count, releases, log):
    """The push-hook rows: the agent restarted on the same set-up with `poll-interval: 30s`, a listener and a
    `webhook` section for GitHub; after each `git push` the bench delivers GitHub's push event, signed with the
    secret, as the forge would. Good releases only, under the same load as the polling ones."""
    measured = Measured(f"{name}, push hook (poll {HOOK_POLL})")
    notes_before, log_before = len(sb.notes), len((sb.root / "agent.log").read_text())
    listen = proc.free_port()
    sb.env = {HOOK_SECRET_ENV: HOOK_SECRET}
    sb.write_config(poll=HOOK_POLL, max_backoff=HOOK_POLL, extra=f"listen:\n  port: {listen}\n"
                                          f"webhook:\n  forge: github\n  secret-env: {HOOK_SECRET_ENV}\n")
    agent = sb.start_agent_ready()
    proc.wait_until(lambda: f"listening on http://127.0.0.1:{listen}" in (sb.root / "agent.log").read_text(), 30,
                    "the agent's push-hook listener")
    probe = load.Probe(sb.proxy)
    began = time.time()
    for i in range(1, releases + 1):
        _release(sb, measured, wrk_reaper, delay_ms, agent, "good", count + i, count + releases, log,
                 hook=lambda sha: push_hook(listen, sha))
    measured.samples = probe.stop()
    sb.stop_agent(agent, grace=1)
    _read_journal(sb, measured, began, time.time())
    measured.agent_log = (sb.root / "agent.log").read_text()
    measured.prestart = prestart_gaps(measured.agent_log[log_before:])
    measured.notes.extend(sb.notes[notes_before:])
    return measured


def push_hook(port, sha, secret=None, branch="master"):
    """GitHub's push event for `sha`, as its "Webhook events and payloads" shows it, signed as "Validating webhook
    deliveries" says (X-Hub-Signature-256: HMAC-SHA256 of the body): what PushReleaseIT sends. (status, body)."""
    body = json.dumps({"ref": f"refs/heads/{branch}", "before": "0" * 40, "after": sha,
                       "repository": {"full_name": "example/sample"}, "pusher": {"name": "dev"},
                       "head_commit": {"id": sha, "message": "a release"}}).encode()
    signature = hmac.new((secret or HOOK_SECRET).encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/hooks/github", data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "GitHub-Hookshot/044aadd", "X-GitHub-Event": "push",
        "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": "sha256=" + signature})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def _release(sb, measured, wrk_reaper, delay_ms, agent, step, n, count, log, hook=None):
    """One release under its own wrk run: commit, push (and with `hook`, deliver the push hook right after), wait
    for the journal's entry; the proxy is watched for the new version meanwhile."""
    before = len(sb.journal())
    wrk = load.Wrk(sb.proxy, wrk_reaper, delay_ms=delay_ms)
    version = None if step == "rollback" else _commit(sb, step, n)
    time.sleep(LEAD_IN)
    if hook is None and step != "rollback":
        time.sleep(measured.phase.uniform(0, POLL_S))
    measured.steady_spans.append((wrk.started + 0.1, time.time()))
    watch = LiveWatch(sb.proxy, version) if version else None
    delivered = None
    if step == "rollback":
        t0 = time.time()
        sb.stop_agent(agent, grace=1)
        sb.standby("rollback", check=False)
    else:
        t0 = sb.push()
        if hook:
            pushed = time.time()
            status, said = hook(proc.out(["git", "rev-parse", "HEAD"], cwd=sb.work).strip())
            delivered = {"git push": pushed - t0, "hook": time.time() - pushed}
            if status != 202 or not said.startswith("accepted"):
                measured.notes.append(f"release {n}: the push hook got {status} {said.strip()[:200]!r}")
    sb.await_journal(before + 1, 120, None if step == "rollback" else agent)
    end = time.time()
    time.sleep(STANDBY_TAIL)
    measured.tcp_sockets.append(report.tcp_sockets()["lines"])
    release = {"step": step, "t0": t0, "end": end, "wrk": wrk.stop(), "live_at": watch.stop() if watch else None,
               "delivered": delivered}
    measured.releases.append(release)
    log(f"  {measured.name}: release {n}/{count} ({step}) {release['wrk']['requests']} requests, "
        f"{_brief(load.failures(release['wrk']))}")


def _read_journal(sb, measured, since, until):
    """Each release's outcome, switch window and push-to-live split from the journal entries begun in [since,
    until]. The adoption at start-up is no release; a rollback also journals the commit it left as ROLLED_AWAY."""
    entries = [e for e in reversed(sb.history()) if e["trigger"] != "START_UP" and e["result"] != "ROLLED_AWAY"
               and since <= iso(e["startedAt"]) <= until]
    if len(entries) != len(measured.releases):
        measured.notes.append(f"the journal has {len(entries)} releases for {len(measured.releases)} attempts")
    for release, entry in zip(measured.releases, entries):
        release["result"] = entry["result"].lower()
        starts = stage_starts(entry)
        if "SWITCHING" in starts:
            release["window"] = (starts["SWITCHING"], iso(entry["endedAt"]) + STANDBY_TAIL)
        if release["live_at"] and entry["result"] == "LIVE":
            took = {t["stage"].lower(): seconds(t["took"]) for t in entry["timings"]}
            release["push"] = {"push_to_live": release["live_at"] - release["t0"],
                               "push_to_done": iso(entry["endedAt"]) - release["t0"],
                               "detect+fetch": iso(entry["startedAt"]) - release["t0"],
                               **(release["delivered"] or {}), **took}


def prestart_gaps(text):
    """Seconds between a release's `starting` stage beginning and the runtime's "starting release" line, i.e. the
    checks before anything is launched, from the agent's log."""
    gaps, began = [], None
    for line in text.splitlines():
        if re.search(r" starting +started$", line):
            began = _log_time(line)
        elif began is not None and " INFO  starting release " in line:
            gaps.append(round(_log_time(line) - began, 3))
            began = None
    return gaps


def _log_time(line):
    return datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f").timestamp()


def _brief(f):
    return f"{f['failed']} failed, {f['resets']} resets"


def seed_sandbox(root):
    """The tutorial's set-up: dev.php in the repository names the first port (the tutorial's 9501), v1 runs from a
    hand-made clone, nginx in the tutorial's layout."""
    sb = sandbox.Sandbox(root, router="nginx-reload")
    template = sb.root / "app-template"
    sandbox.copy_app(template)
    sandbox.set_port(template / "dev.php", sb.blue)
    sb.init_repo(app_dir=template)
    sb.hand_deploy_v1(mode="dev")
    sb.start_proxy()
    sites = sb.root / "sites"
    sites.mkdir()
    env = {"SEED_ROOT": str(sb.current), "SEED_REPO": sb.bare.as_uri(), "SEED_SITES": str(sites),
           "SEED_PORT_A": str(sb.blue), "SEED_PORT_B": str(sb.green), "SEED_NGINX_CONF": str(sb.nginx_conf()),
           "SEED_NGINX": " ".join(str(a) for a in sb.nginx_args()), "SEED_STOP": "previous",
           "SEED_EVENTS": str(sites / "events.jsonl"), "COMPOSER_ALLOW_SUPERUSER": "1"}
    return sb, sites, env


def seed_events(sites):
    path = sites / "events.jsonl"
    return [json.loads(l) for l in path.read_text().splitlines()] if path.exists() else []


def seed_scenario(root, count, delay_ms, log):
    """The tutorial's poller (bench/seed/release.php poll: `git fetch; git diff --stat master origin/master` in a
    loop, then the release) started before each push. It has no rollback: the operator's way back is a revert
    commit, released like any other."""
    measured = Measured("seed tutorial's method")
    sb, sites, env = seed_sandbox(root)
    wrk_reaper = proc.Reaper()
    steps = plan(count)
    try:
        probe = load.Probe(sb.proxy)
        _steady(measured, sb.proxy, wrk_reaper, delay_ms)
        for n, step in enumerate(steps, start=1):
            seen = len(seed_events(sites))
            wrk = load.Wrk(sb.proxy, wrk_reaper, delay_ms=delay_ms)
            if step == "rollback":
                proc.run(["git", *sandbox.GIT_ID, "revert", "--no-edit", "HEAD"], cwd=sb.work)
                version = str(n - 1)
            else:
                version = _commit(sb, step, n) or (str(n - 1) if step == "sick" else None)
            # The tutorial never merges origin/master into the poller's checkout, so after one release it would find
            # a difference on every loop: bring its master up to date first, so that it waits for this push.
            proc.run(["git", "fetch", "-q"], cwd=sb.current)
            proc.run(["git", "update-ref", "refs/heads/master", "refs/remotes/origin/master"], cwd=sb.current)
            poller = subprocess.Popen(["php", str(SEED_SCRIPT), "poll"], env={**os.environ, **env},
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wrk_reaper.add(poller)
            time.sleep(LEAD_IN)
            if n == 1 or steps[n - 2] != "broken":
                # After the broken release the seed serves 502s until the next one: that lead-in is no steady state.
                measured.steady_spans.append((wrk.started + 0.1, time.time()))
            watch = LiveWatch(sb.proxy, version) if version and step != "sick" else None
            t0 = sb.push()
            poller.wait(120)
            end = time.time()
            time.sleep(SEED_TAIL)
            events = {e["step"]: e["at"] for e in seed_events(sites)[seen:]}
            status, body = sandbox.get(sb.proxy)
            serving = re.search(r"version (\S+) on port", body)
            release = {"step": step, "t0": t0, "end": end, "wrk": wrk.stop(), "live_at": watch.stop() if watch else None,
                       "result": f"serves version {serving.group(1)}" if status == 200 and serving else f"proxy answers {status}",
                       "window": (events["switch"], events["done"] + 0.5)}
            if release["live_at"]:
                release["push"] = {"push_to_live": release["live_at"] - t0, "push_to_done": events["done"] - t0,
                                   "detect": events["detected"] - t0, "clone+composer update": events["start"] - events["clone"],
                                   "start": events["switch"] - events["start"], "switch (reload)": events["stop"] - events["switch"],
                                   "stop old": events["done"] - events["stop"]}
            measured.releases.append(release)
            log(f"  seed: release {n}/{count} ({step}) {release['wrk']['requests']} requests, "
                f"{_brief(load.failures(release['wrk']))}")
        measured.samples = probe.stop()
        measured.notes.extend(sb.notes)
        return measured
    finally:
        wrk_reaper.stop_all()
        sb.close()


def floor_scenario(root, count, delay_ms, log):
    """Bare `nginx -s reload`, `count` times, flipping the tutorial's upstream between two healthy instances."""
    measured = Measured("bare nginx reloads (floor)")
    sb = sandbox.Sandbox(root, router="nginx-reload")
    wrk_reaper = proc.Reaper()
    try:
        sb.init_repo().hand_deploy_v1()
        other = sb.root / "current-green"
        proc.run(["git", "clone", "-q", sb.bare.as_uri(), other])
        proc.run(sandbox.COMPOSER_INSTALL, cwd=other)
        sandbox.set_port(other / "produce.php", sb.green)
        sb.start_php(other)
        proc.wait_until(lambda: proc.listening(sb.green), 20, "the green instance")
        sb.start_proxy()
        probe = load.Probe(sb.proxy)
        _steady(measured, sb.proxy, wrk_reaper, delay_ms)
        ports = [sb.green, sb.blue]
        for n in range(1, count + 1):
            wrk = load.Wrk(sb.proxy, wrk_reaper, delay_ms=delay_ms)
            time.sleep(LEAD_IN)
            measured.steady_spans.append((wrk.started + 0.1, time.time()))
            t0 = time.time()
            conf = sb.nginx_conf().read_text()
            sb.nginx_conf().write_text(re.sub(r"server    127\.0\.0\.1:\d+;", f"server    127.0.0.1:{ports[n % 2 - 1]};", conf))
            sb.nginx_reload()
            end = time.time()
            time.sleep(FLOOR_TAIL)
            measured.releases.append({"step": "reload", "t0": t0, "end": end, "wrk": wrk.stop(), "result": "reloaded",
                                      "window": (t0, end + 1.0)})
        log(f"  floor: {count} reloads, {_brief(load.failures(load.merge([r['wrk'] for r in measured.releases])))}")
        measured.samples = probe.stop()
        return measured
    finally:
        wrk_reaper.stop_all()
        sb.close()


def flag_cost(root, log, seconds=3, rounds=2):
    """Issue 6: what the per-request file test of the flag layout costs against a plain proxy_pass. The slots are
    a second nginx answering `return 200` (PHP's built-in server would be the bottleneck and hide the proxy's cost);
    the proxy is rebuilt in each layout in turn, unpaced wrk -c 32 -t 2, `rounds` times each, alternating."""
    sb = sandbox.Sandbox(root, router="nginx-flag")
    wrk_reaper = proc.Reaper()
    backend = sb.root / "backend"
    try:
        (backend / "logs").mkdir(parents=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (backend / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {backend / 'nginx.pid'};\nerror_log {backend / 'logs/error.log'} warn;\n"
            "events { worker_connections 1024; }\nhttp {\n    access_log off;\n"
            f"    client_body_temp_path {backend / 'body'};\n    proxy_temp_path {backend / 'proxy'};\n"
            f"    fastcgi_temp_path {backend / 'fcgi'};\n    uwsgi_temp_path {backend / 'uwsgi'};\n    scgi_temp_path {backend / 'scgi'};\n"
            f"    server {{ listen 127.0.0.1:{sb.blue}; listen 127.0.0.1:{sb.green}; location / {{ return 200 \"ok\\n\"; }} }}\n}}\n")
        proc.run([NGINX, "-p", backend, "-c", backend / "nginx.conf"])
        sb.reaper.add_pid_file(backend / "nginx.pid", expect="nginx")
        proc.wait_until(lambda: proc.listening(sb.blue), 10, "the backend nginx")
        sb.init_repo()
        sb.write_config()
        results = {"plain": [], "flag": []}
        for _ in range(rounds):
            for layout in ("plain", "flag"):
                pid = proc.read_pid(sb.nginx_dir / "nginx.pid")
                if pid and proc.alive(pid):
                    sb.reaper.stop(pid)
                    proc.wait_until(lambda: not proc.listening(sb.proxy), 10, "the proxy to stop")
                sb.start_nginx(layout=layout)
                load.run_for(sb.proxy, wrk_reaper, 1, tally=False)  # warm-up
                results[layout].append(load.run_for(sb.proxy, wrk_reaper, seconds, tally=False))
        def agg(runs):
            rps = sum(r["requests"] / (r["duration_us"] / 1e6) for r in runs) / len(runs)
            return {"rps": round(rps), "p50_us": sorted(r["p50_us"] for r in runs)[len(runs) // 2],
                    "p99_us": sorted(r["p99_us"] for r in runs)[len(runs) // 2],
                    "errors": sum(r["connect"] + r["read"] + r["write"] + r["timeout"] + r["status"] for r in runs)}
        out = {"plain": agg(results["plain"]), "flag": agg(results["flag"]), "seconds": seconds, "rounds": rounds}
        out["rps_ratio"] = round(out["flag"]["rps"] / out["plain"]["rps"], 3)
        log(f"  flag layout cost: {out}")
        return out
    finally:
        wrk_reaper.stop_all()
        sb.close()
