"""The machine's description and the results as Markdown tables."""
import os
import platform
import re
import subprocess
from pathlib import Path

from .goals import HOOK_MARK, judge as judge_goals
from .proc import NGINX, HAPROXY

# Static on purpose: what the code changed between the 2026-11-22 run (the Goals table's "before") and now.
WHAT_CHANGED = [
    "**The port question reads only the listening sockets.** Before it launches a release, and on every look of the "
    "boot wait, the agent asks whether anything listens on the slot's port. It used to read and split every line of "
    "/proc/net/tcp and tcp6, and under load those tables hold tens of thousands of TIME_WAIT sockets; the kernel "
    "prints the listeners first, so reading now stops at the first line in another state (part 6). What still grows "
    "with the sockets is IPv6's table when nothing follows its listeners: to end it the kernel walks the established "
    "hash both families share, a few milliseconds at 50,000 sockets. So each look of the boot wait now reads the "
    "listeners once; it read them twice, once to find a serving master and once to describe the instance.",
    "**The runtime's start no longer waits on output pumps.** A Swoole daemon keeps the CLI's stdout and stderr open, "
    "so the pump threads of `server start -d` could only be abandoned after a 500 ms grace, paid on every release; "
    "they now read what the pipe holds and stop once the CLI has exited.",
    "**The boot watch looks every 10 ms** (it was 100 ms), asking the pid file's master for its listening socket "
    "first: each look now costs well under a millisecond, so the new instance is seen up sooner.",
    "**The JGit mirror stays open, with one connection per poll.** It used to be opened anew on each poll (reading "
    "its pack indexes, which grow with the history); a poll now lists the one branch and fetches on the same "
    "connection only if it moved. A repository on the same machine is served from within the agent by upload-pack "
    "on the repository kept open, over protocol v2, where the negotiation stops after the first batch of haves "
    "instead of walking the mirror's whole history (part 3: one new commit costs the same at 100 and 50,000 "
    "commits).",
    "**The first mirror of a local repository is a copy of its objects**, as `git clone --local` does, instead of "
    "JGit packing, sending and indexing the whole history in Java (three times the CPU of C git's clone).",
    "**Read-only commands skip the release wiring, and an AppCDS archive maps the classes** `status` and the "
    "other short commands load, so they start in a fraction of the time (part 5). The archive `standby "
    "--make-archive` makes is a static one (the classes the read-only commands load plus the JDK's own list): JDK 17 "
    "leaves picocli's Java-5 classes out of a dynamic archive.",
    "**A command builds only its own verb, and Jackson works beside picocli.** picocli modelled every subcommand by "
    "reflection on each start; now only the verb the arguments name is registered (the usage, `help` and completion "
    "still get them all), without its converters for java.time and java.sql types, which no option takes. Jackson "
    "builds its reader of the configuration on the other core meanwhile, and the launcher runs one compiler thread "
    "so that the JIT no longer takes that core.",
    "**`status` is timed beside the idling agents** (15 runs after 2 warm-ups), as an operator runs it; it was timed "
    "over 5 runs while the three agents exited, which measured their shutdown as much as the command.",
    "**`status` starts with what it needs in the archive, and collects less.** The archive was trained "
    "on `status` over the journal at hand, which at install time is empty: the ~30 classes that read journal lines "
    "then came from the jar on every later run. `--make-archive` now trains on the jar's hidden `archive-training`, "
    "which prints status and history over a journal with a release of every kind. And bin/standby gives commands "
    "other than `run` a 16 MB young generation (the agent keeps 2 MB): `status` allocates some 30 MB, and stopped for "
    "five young collections (20 ms of pauses) where it now stops for two.",
    "**The health probe asks over `HttpURLConnection`, one connection per request.** The JDK's newer HttpClient, "
    "built once at start-up, held a selector thread and some 300 classes of its own and of TLS for the agent's "
    "lifetime: 4 MB of the idle agent's resident memory, for a GET every few seconds of a release (part 5).",
    "**The agent gives back the C heap it freed, and Guice generates no classes.** bin/standby runs the agent with "
    "`-XX:TrimNativeHeapInterval=5000` when the JVM has it (glibc otherwise keeps the compiler's scratch memory of "
    "start-up for the process's life) and with `guice_bytecode_gen_option=DISABLED` (Guice builds the objects by "
    "reflection; Standby uses none of the interception its generated classes serve): about 2 MB of the idle agent. "
    "The jar leaves out Netty's native libraries and Guava's annotation-only jars (32 MB → 26 MB).",
    "**Every agent of the benchmark runs with the flags bin/standby gives `standby run`**, read from it, and every "
    "other command with those it gives them. Parts 1 to 4, 6 and 7 ran the agent with a list of their own before "
    "(without one compiler thread and the agent's young generation), so they measured a JVM operators do not run.",
    "**Each part after the first starts on a settled machine**: the bench writes back the page cache and waits, up to "
    "60 s, for a second of mostly idle CPU (bench/lib/quiet.py; the machine table says how long each part waited). "
    "The parts before the agent's write and delete gigabytes, and `status` timed in the seconds after them took "
    "390–650 ms against 260 ms at rest.",
    "**The benchmark takes nginx's flag snippet and HAProxy's configuration from the jar** (`standby nginx-config`, "
    "`standby haproxy-config`), so it runs what the README tells operators to write.",
    "**HAProxy checks a down server every 100 ms** (`default-server downinter 100ms fastinter 100ms` in the config "
    "`standby haproxy-config` prints): the switch waits for HAProxy's own passed check of the new slot's server, and "
    "at the check interval that wait, not the instance, was most of HAProxy's push to live.",
    "**The bench's pushes land at a random point of the agent's 500 ms poll cycle**, as real pushes do. Before, each "
    "came a fixed time after the last release ended, just after the agent began its pause, so *detect* took 0.27–0.52 s "
    "where a real push waits 0.25 s on average; the 2026-11-22 figures carry that bias (about 0.15 s).",
]


def _first_line(args):
    try:
        done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
        return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "?"
    except OSError:
        return "not installed"


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    os_name = "?"
    if Path("/etc/os-release").exists():
        m = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
        os_name = m.group(1) if m else os_name
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(), "os": os_name,
        "nginx": _first_line([NGINX, "-v"]).replace("nginx version: ", ""),
        "haproxy": _first_line([HAPROXY, "-v"]).split(" - ")[0].replace("HAProxy version ", ""),
        "php": _first_line(["php", "-v"]).split(" (")[0].replace("PHP ", ""),
        "java": _first_line(["java", "-version"]),
        "composer": _first_line(["composer", "--version", "--no-ansi"]).replace("Composer version ", "").split(" ")[0],
        "git": _first_line(["git", "--version"]).replace("git version ", ""),
        "wrk": _first_line(["wrk", "-v"]).split(" [")[0].replace("wrk ", ""),
        "python": platform.python_version(),
        "tcp_sockets": tcp_sockets(),
    }


def tcp_sockets():
    """How many TCP sockets the kernel lists (Standby's ProcNet reads them all to find a listener), and how long one
    read of /proc/net/tcp and tcp6 takes."""
    import time
    began = time.perf_counter()
    lines = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines += len(Path(table).read_text().splitlines()) - 1
        except OSError:
            pass
    return {"lines": lines, "read_ms": round((time.perf_counter() - began) * 1000)}


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def _ms(us):
    return "–" if us is None else f"{us / 1000:.1f}"


def _v(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def render(results):
    m = results["machine"]
    lines = ["# Standby benchmark results", "",
             f"Written by `bench/run` on {results['finished']} ({results['took_s'] / 60:.1f} min for the run). "
             "See bench/README.md for what each number means and how it is measured; compare numbers as ratios "
             "within this run.", "",
             "## Machine", "",
             "| | |", "| --- | --- |",
             f"| CPU | {m['cpu']}, {m['cores']} cores |", f"| memory | {m['memory']} |",
             f"| OS, kernel | {m['os']}, Linux {m['kernel']} |",
             f"| nginx, HAProxy | {m['nginx']}, {m['haproxy']} |",
             f"| PHP, composer | {m['php']}, {m['composer']} |",
             f"| Java | {m['java']} |", f"| git, wrk, python | {m['git']}, {m['wrk']}, {m['python']} |",
             f"| load average at start, end | {' '.join(results['load_start'])} / {' '.join(results['load_end'])} |",
             f"| TCP sockets listed at start | {m['tcp_sockets']['lines']} (one read of /proc/net/tcp{{,6}}: {m['tcp_sockets']['read_ms']} ms) |", ""]
    if results.get("part_seconds"):
        lines[-1:-1] = ["| seconds per part | " + ", ".join(f"{k} {v}" for k, v in results["part_seconds"].items()) + " |"]
    if results.get("settled"):
        lines[-1:-1] = ["| before each part: writeback and idle CPU (bench/lib/quiet.py) | " + ", ".join(
            f"{k} {v['seconds']} s to {round(100 * v['idle'])} % idle" + ("" if v["settled"] else " (did not settle)")
            for k, v in results["settled"].items()) + " |"]
    for key in ("reduced", "skipped"):
        if results.get(key):
            lines += [f"Note: {results[key]}.", ""]
    judged = results.get("goals") or judge_goals(results)
    lines += ["## Goals", "",
              "Issue 14's goals, on this run's figures; *before* is the full run of 2026-11-22, before the work "
              "(bench/baseline-2026-11-22.json holds its figures, copied from that run's RESULTS.md).", "",
              "| goal | this run | before (2026-11-22) | |", "| --- | --- | --- | --- |"]
    for g in judged:
        verdict = g["verdict"]
        verdict = f"**{verdict}**" if verdict.startswith(("met", "not met")) else verdict
        lines.append(f"| {g['goal']} | {g['now']} | {g['before']} | {verdict} |")
    lines += ["", "## What changed", "", "Why the figures moved since 2026-11-22:", ""]
    lines += [f"- {item}" for item in WHAT_CHANGED] + [""]
    if results.get("findings"):
        lines += ["## Findings", ""]
        for i, f in enumerate(results["findings"], start=1):
            lines += [f"{i}. " + f.replace("\n```", "\n\n   ```").replace("\n", "\n   ").replace("   \n", "\n"), ""]
    if "releases" in results:
        r = results["releases"]
        lines += ["## 1. Requests failed during releases under keep-alive load", "",
                  f"wrk -c 32 -t 2, keep-alive, GET / through the proxy, each connection pausing {r['delay_ms']} ms "
                  f"between its requests; {r['count']} consecutive releases per method: {_plan(r)}{_hook_plan(r)}. *Failed* = 5xx and other non-2xx answers, refused "
                  "connections and timeouts, from wrk's own counters; *resets* = connections closed under a request "
                  "(wrk's read/write errors), which is what nginx's graceful reload does to idle keep-alive connections. "
                  "Latency: the probe's own requests (2 keep-alive connections, one request each 10 ms) in the switch "
                  "window vs steady state.", ""] + _table(
            ["method", "releases (switches)", "requests", "failed (5xx · refused · timeout)", "resets", "median release",
             "steady p50 / p99 ms", "switch window p50 / p99 / max ms"], [_scenario_row(s) for s in r["scenarios"]])
        for s in r["scenarios"]:
            parts = []
            if s["name"].startswith("Standby"):
                parts.append("outcomes (journal): " + ", ".join(f"{n} {k}" for k, n in s["outcomes"].items()))
            with_resets = [x["resets"] for x in s["per_release"] if x["resets"]]
            if with_resets:
                parts.append(f"resets in {len(with_resets)} releases, {median(with_resets)} per release "
                             f"(median; {min(with_resets)}–{max(with_resets)})")
            failed = [x for x in s["per_release"] if x["failed"]]
            if failed:
                parts.append("failed requests by release: " + ", ".join(
                    f"#{x['n']} {x['step']} ({x['result']}) {x['failed']}" for x in failed))
            probe_bad = {k: v for k, v in s["probe"]["window"]["kinds"].items() if k != "ok"}
            if probe_bad:
                parts.append("the probe's own failed requests in switch windows: "
                             + ", ".join(f"{n} {k}" for k, n in probe_bad.items()))
            parts += [n for n in s["notes"] if not n.startswith("AGENT_REFUSED")]
            if parts:
                lines.append(f"- **{s['name']}**: " + "; ".join(parts) + ".")
        if r.get("flag_cost"):
            c = r["flag_cost"]
            lines += ["", f"Cost of the flag layout (issue 6), unpaced wrk -c 32 -t 2 through nginx to a `return 200` "
                      f"backend, {c['rounds']} × {c['seconds']} s each, alternating: plain proxy_pass "
                      f"{c['plain']['rps']} req/s (p50 {_ms(c['plain']['p50_us'])} ms, p99 {_ms(c['plain']['p99_us'])} ms), "
                      f"flag layout {c['flag']['rps']} req/s (p50 {_ms(c['flag']['p50_us'])} ms, p99 {_ms(c['flag']['p99_us'])} ms): "
                      f"ratio {c['rps_ratio']:.2f}."]
        lines += [""]
    pushes = [x for x in results.get("releases", {}).get("scenarios", []) if x.get("push")]
    if pushes:
        lines += ["## 2. Push to live", "",
                  "Seconds from `git push` to the proxy answering the new commit (a fresh GET / every 10 ms), for "
                  "every pushed commit of part 1 that went live (so under the same load), median over them, split by "
                  "stage (Standby: its journal's stage timings; the seed: timestamps its script writes).", "",
                  "| method | pushes | push → live | stages up to live | after live |", "| --- | --- | --- | --- | --- |"]
        for x in pushes:
            m = _median_runs(x["push"])
            if "hook" in m:
                lines.append(f"| {x['name']} | {len(x['push'])} | **{m['push_to_live']:.2f}** | git push "
                             f"{m['git push']:.2f}, hook {m['hook']:.2f}, wake + fetch "
                             f"{m['detect+fetch'] - m['git push'] - m['hook']:.2f}, export {m.get('fetching', 0):.2f}, "
                             f"install {m.get('installing', 0):.2f}, start {m.get('starting', 0):.2f}, health "
                             f"{m.get('checking_health', 0):.2f}, switch {m.get('switching', 0):.2f} | verify "
                             f"{m.get('verifying', 0):.2f}, drain {m.get('draining', 0):.2f}, retire "
                             f"{m.get('retiring', 0):.2f} (done at {m['push_to_done']:.2f}) |")
            elif "detect" in m:
                lines.append(f"| {x['name']} | {len(x['push'])} | **{m['push_to_live']:.2f}** | detect {m['detect']:.2f}, "
                             f"clone + composer update {m['clone+composer update']:.2f}, start {m['start']:.2f}, "
                             f"switch (reload) {m['switch (reload)']:.2f} | stop old {m['stop old']:.2f} "
                             f"(done at {m['push_to_done']:.2f}) |")
            else:
                lines.append(f"| {x['name']} | {len(x['push'])} | **{m['push_to_live']:.2f}** | detect + fetch "
                             f"{m['detect+fetch']:.2f}, export {m.get('fetching', 0):.2f}, install {m.get('installing', 0):.2f}, "
                             f"start {m.get('starting', 0):.2f}, health {m.get('checking_health', 0):.2f}, switch "
                             f"{m.get('switching', 0):.2f} | verify {m.get('verifying', 0):.2f}, drain {m.get('draining', 0):.2f}, "
                             f"retire {m.get('retiring', 0):.2f} (done at {m['push_to_done']:.2f}) |")
        hooked = [x for x in pushes if HOOK_MARK in x["name"]]
        lines += ["", "Standby's agent polls every 500 ms, so detection adds 0.25 s on average (each push waits a random part of "
                  "the interval first: a real push lands anywhere in the poll cycle); the seed's poller runs "
                  "`git fetch` back to back. Standby's release is over once the old instance is retired after the "
                  "watch window (1 s) and the drain (at least 1 s); the seed stops the old one right after `nginx -s reload`."]
        if hooked:
            lines += ["", f"*Push hook* rows: the same set-up right after its polling releases, the agent restarted with "
                      f"`poll-interval: {results['releases'].get('hook_poll', '30s')}`, a `listen` port and a `webhook` section for GitHub; "
                      "after each `git push` the bench posts GitHub's push event signed with the secret "
                      "(`X-Hub-Signature-256`), as PushReleaseIT does, so the release starts on the hook, not on a poll. "
                      "*git push* is the push itself, *hook* the delivery until the agent's `202`, *wake + fetch* the "
                      "rest until the release's start (the poller woken, the branch listed and the commit fetched)."]
        lines += [""]
    if "growth" in results:
        g = results["growth"]
        lines += ["## 3. Cost of preparing a release as the repository grows", "",
                  "Generated repositories (fast-import): the sample app plus 300 PHP classes, each commit after the "
                  f"first editing one of them. Seed: `git clone` over file://, median of {len(g[0]['seed_clone_runs'])}. Standby: incremental "
                  "JGit fetch of one new commit + export of its tree (the journal's `fetching` stage), median of the "
                  "releases; the first fetch (a full mirror, once per agent) is shown apart.", ""] + _table(
            ["commits", "repository", "seed: fresh clone", "Standby: fetch + export", "of which fetch · export",
             "C git fetch of the same commits", "Standby: first fetch (once)", "clone ÷ fetch+export"],
            [_growth_row(row) for row in g])
        if len(g) > 1:
            a, b = g[0], g[-1]
            lines += [f"From {a['commits']:,} to {b['commits']:,} commits the seed's clone grows "
                      f"{b['seed_clone_s'] / a['seed_clone_s']:.1f}×, Standby's fetch + export "
                      f"{b['standby_fetch_export_s'] / a['standby_fetch_export_s']:.1f}×.", ""]
    if "vendor" in results:
        v = results["vendor"]
        lines += ["## 4. Dependencies: vendor/ reuse", "",
                  f"A copy of the sample app with a generated dependency of 3,000 classes served as a zip dist (as "
                  f"packagist serves packages; composer keeps it in its cache and unzips it on each install): vendor/ "
                  f"holds {v['vendor_files']} files. The `installing` stage of releases whose composer.lock did not change:", ""] + _table(
            ["install", "seconds"],
            [f"| plain `composer install` (reuse-vendor: false); median of {len(v['plain_runs'])} release(s) | {v['plain_s']:.2f} |",
             f"| vendor/ reused (reuse-vendor: true, the default); median of {len(v['reuse_runs']) - 1} release(s) | {v['reuse_s']:.2f} |",
             f"| first release with reuse on (cache empty: full install, then kept) | {v['reuse_first_s']:.2f} |"]) + [
            f"Plain ÷ reused: **{v['ratio']:.1f}×**.", ""]
    if "agent" in results:
        a = results["agent"]
        g = a.get("goals", {})
        lines += ["## 5. The agent itself", "",
                  f"`standby run` idle-polling every {a['poll']} (nothing new to release), sampled once a second for "
                  f"{a['seconds']} s from /proc; `standby status` timed with {a['status_tool']}. *README flags* are "
                  "bin/standby's, which the README tells operators to run the agent with; *+ archive* adds the "
                  "class-data archive its `--make-archive` makes. The flags shown are the agent's; `status` runs with "
                  "those bin/standby gives every command but `run`"
                  + (f" (`{_young(a)}`)" if _young(a) else "") + ".", "",
                  f"Issue 14's goals: `status` ≤ {g.get('status_ms', '?')} ms, idle RSS ≤ {g.get('rss_mb', '?')} MB, "
                  f"idle CPU ≤ {g.get('cpu_percent', '?')} % of a core.", ""] + _table(
            ["JVM", "flags", "RSS median / max", "CPU while idle", "`status` mean ± sd (min)", "SIGTERM → exit",
             "goals: status / RSS / CPU"], [_agent_row(name, x) for name, x in a["variants"].items()])
    if results.get("ports"):
        lines += ["## 6. A port question of the `starting` stage", "",
                  "\"Does anything listen on the slot's port?\", asked with the agent's own classes and JVM flags, "
                  "median of 15, at a number of TIME_WAIT sockets made on loopback in a network namespace of the "
                  "benchmark's own (`lib/PortQuestions.java`). *Whole table*: every line of /proc/net/tcp and tcp6 "
                  "read and split, as the agent asked before issue 14 (four times before it launched anything, and "
                  "twice each poll of the boot wait); *listeners only*: what it asks now. *Who holds the port*: the "
                  "listening socket's holders, looked up through every process's descriptors, asked only when a "
                  "message needs them. *The runtime's start*: EasySwooleRuntime.start of the sample app, as the agent "
                  "wires it (`lib/StartCost.java`), median of 5, at the same count in a namespace of its own.", ""] + _table(
            ["TIME_WAIT sockets", "lines in the tables", "whole table", "listeners only", "who holds the port",
             "the runtime's start"], [_ports_row(row) for row in results["ports"]])
    if results.get("fleet"):
        lines += ["## 7. A fleet", "",
                  "Three servers, each with its agent, its two slots and its own HAProxy, coordinated through a ZooKeeper "
                  "server from Debian's package, behind one front HAProxy (round robin) carrying wrk's keep-alive load "
                  "(-c 32 -t 2). One commit pushed; *whole fleet live* = from the push until every server's own proxy "
                  f"answers with it: canary (1 host) first, a {results['fleet'][0]['soak']} soak, then the rest at most K "
                  "at a time.", ""] + _table(
            ["hosts", "K", "push to whole fleet live", "each server live after", "requests through the front", "failed",
             "resets"], [_fleet_row(f) for f in results["fleet"]])
    return "\n".join(lines) + "\n"


def _table(columns, rows):
    """A markdown table, its separator as wide as its header, and the blank line that ends it."""
    return ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns), *rows, ""]


def _scenario_row(s):
    p = s["probe"]
    return (f"| {s['name']} | {s['releases']} ({s['switches']}) | {s['requests']} | **{s['failed']}** "
            f"({s['5xx'] + s['other_non_2xx']} · {s['refused']} · {s['timeout']}) | {s['resets']} | "
            f"{_v(s['median_release_s'], 2 if s['median_release_s'] < 1 else 1)} s | {_v(p['steady']['p50_ms'], 1)} / {_v(p['steady']['p99_ms'], 1)} | "
            f"{_v(p['window']['p50_ms'], 1)} / {_v(p['window']['p99_ms'], 1)} / {_v(p['window']['max_ms'], 0)} |")


def _growth_row(row):
    return (f"| {row['commits']:,} | {row['repo_bytes'] / 1e6:.1f} MB | {row['seed_clone_s']:.2f} s | "
            f"{row['standby_fetch_export_s']:.3f} s | {row['standby_fetch_s']:.3f} · {row['standby_export_s']:.3f} | "
            f"{row['git_fetch_s']:.3f} s | {row['standby_first_fetch_s']:.2f} s | {row['seed_clone_s'] / row['standby_fetch_export_s']:.0f}× |")


def _young(agent):
    """The flags `status` ran with that the agent did not, from the README row (older results have none)."""
    row = agent["variants"].get("README flags", {})
    return " ".join(f for f in row.get("status_flags", "").split() if f not in row.get("flags", "").split())


def _agent_row(name, x):
    goals = x.get("goals")
    met = " / ".join("met" if goals[k] else "**not met**" for k in ("status", "rss", "cpu")) if goals else "-"
    return (f"| {name} | `{x['flags']}` | {x['rss_mb_median']} / {x['rss_mb_max']} MB | {x['cpu_percent']} % | "
            f"{x['status_ms']['mean']} ± {x['status_ms']['stddev']} ms ({x['status_ms']['min']}) | "
            f"{x['sigterm_to_exit_s']} s | {met} |")


def _ports_row(row):
    start = f"{row['start_ms']} ms" if "start_ms" in row else "–"
    return (f"| {row['time_wait']:,} | {row['lines']:,} | {row['whole_table_ms']:.1f} ms | "
            f"{row['listeners_only_ms']:.1f} ms | {row['who_holds_ms']:.1f} ms | {start} |")


def _fleet_row(f):
    each = ", ".join(f"{n} {t:.1f} s" for n, t in f["per_host_live_s"].items())
    return (f"| {f['hosts']} | {f['batch']} | {f['push_to_fleet_live_s']:.1f} s | {each} | {f['requests']} | "
            f"**{f['failed']}** | {f['resets']} |")


def _plan(r):
    steps = r["scenarios"][0]["steps"] if r.get("scenarios") else {}
    words = {"good": "good", "fix": "fixes", "broken": "whose server crashes at boot (fails before the switch)",
             "sick": "whose /health fails a second after boot (fails after the switch: switched back)",
             "rollback": "rollback, last", "reload": "reloads"}
    if "rollback" not in steps:
        for s in r.get("scenarios", []):
            if "rollback" in s["steps"]:
                steps = s["steps"]
    return ", ".join(f"{n} {words.get(k, k)}" for k, n in steps.items())


def _hook_plan(r):
    hooked = [s for s in r.get("scenarios", []) if HOOK_MARK in s["name"]]
    return "".join(f"; then {s['releases']} good releases through the push hook on the same set-up ({s['name']})"
                   for s in hooked)


def _median_runs(runs):
    out = {}
    for k in runs[0].keys():
        values = sorted(r.get(k, 0.0) for r in runs)
        out[k] = values[len(values) // 2]
    return out
