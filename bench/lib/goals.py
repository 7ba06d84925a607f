"""Issue 14's goals, each judged on this run's figures beside the figure of the run before the work
(bench/baseline-2026-11-22.json). A goal whose part did not run, or whose figures are not where this module looks
for them (part 5's keys are another change's to make), reads "not measured" instead of failing the report."""
import json
import re
from pathlib import Path

BASELINE = Path(__file__).resolve().parents[1] / "baseline-2026-11-22.json"
POLLING = {"Standby, nginx reload mode": "reload", "Standby, nginx flag mode": "flag", "Standby, HAProxy": "HAProxy"}
HOOK_MARK = "push hook"
HOOK_RELEASES_ASKED = 15
LARGE_REPOSITORY = 50000
WITHIN = 1.5               # "within 1.5×" of the goals, also the bound on `starting` growing with the sockets


def baseline(path=BASELINE):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}


def judge(results, before=None):
    """One row per goal: {"goal", "now", "before", "verdict"}, verdict "met", "not met" (either with its caveats),
    "not judged: ..." or "not measured"."""
    before = baseline() if before is None else before
    rows = []
    for goal, measure, previously in GOALS:
        now, verdict = _guarded(lambda: measure(results)) or (None, None)
        previous = _guarded(lambda: previously(before))
        rows.append({"goal": goal, "now": now or "not measured in this run", "before": previous or "not measured",
                     "verdict": verdict or "not measured"})
    return rows


def _guarded(figure):
    try:
        return figure()
    except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError, AttributeError, StopIteration):
        return None


def _median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def _scenarios(results):
    return results.get("releases", {}).get("scenarios", [])


def _verdict(ok, *caveats):
    said = "met" if ok else "not met"
    caveats = [c for c in caveats if c]
    return said + (f" ({'; '.join(caveats)})" if caveats else "")


def push_to_live_polling(results):
    medians = {POLLING[s["name"]]: _median([p["push_to_live"] for p in s["push"]])
               for s in _scenarios(results) if s["name"] in POLLING and s.get("push")}
    if not medians:
        return None
    return " · ".join(f"{k} {v:.2f} s" for k, v in medians.items()), _verdict(max(medians.values()) <= 0.8)


def push_to_live_polling_before(before):
    prev = before["push_to_live_s"]
    return " · ".join(f"{POLLING[k]} {v:.2f} s" for k, v in prev.items() if k in POLLING)


def push_to_live_hook(results):
    """The service's boot is the release's own `starting` stage (from the launch of `server start -d` until the new
    instance is up on its port): what is left of push → live beside it is Standby's."""
    hook = next(s for s in _scenarios(results) if HOOK_MARK in s["name"] and s.get("push"))
    pushes = hook["push"]
    live = _median([p["push_to_live"] for p in pushes])
    boot = _median([p.get("starting", 0.0) for p in pushes])
    beside = _median([p["push_to_live"] - p.get("starting", 0.0) for p in pushes])
    now = (f"{live:.2f} s push → live, of which the service's boot (`starting`) {boot:.2f} s: {beside:.2f} s beside "
           f"it (medians of {len(pushes)})")
    few = f"{len(pushes)} releases, {HOOK_RELEASES_ASKED} asked" if len(pushes) < HOOK_RELEASES_ASKED else None
    return now, _verdict(beside <= 0.5, few)


def push_to_live_hook_before(before):
    return f"no push hook then; polling push → live median less the `starting` median: " + " · ".join(
        f"{POLLING[k]} {v - before['starting_s'][k]:.2f} s" for k, v in before["push_to_live_s"].items())


def starting_flat(results):
    rows = sorted(results["ports"], key=lambda r: r["time_wait"])
    low, high = rows[0], rows[-1]
    growth = high["start_ms"] / low["start_ms"]
    now = (f"the runtime's start {low['start_ms']:.0f} ms at {low['time_wait']:,} → {high['start_ms']:.0f} ms at "
           f"{high['time_wait']:,} TIME_WAIT ({growth:.2f}×); one port question {low['listeners_only_ms']:.1f} → "
           f"{high['listeners_only_ms']:.1f} ms (the whole table, as before: {low['whole_table_ms']:.0f} → "
           f"{high['whole_table_ms']:.0f} ms)")
    return now, _verdict(growth <= WITHIN)


def starting_flat_before(before):
    s = before["starting_s"].values()
    lo, hi = before["whole_table_read_ms"]
    return (f"not measured at two counts; `starting` {min(s):.2f}–{max(s):.2f} s under part 1's load "
            f"(~{before['tcp_sockets_under_load']:,} sockets), one whole-table read {lo}–{hi} ms at "
            f"{before['whole_table_read_lines']:,} lines")


def _growth_rows(results):
    rows = sorted(results["growth"], key=lambda r: r["commits"])
    return rows[0], rows[-1]


def _within(now, ratio, large):
    """A goal of part 3's: the figures with their ratio, met within 1.5×, and said to be short of the goal's size when
    the largest repository the run made was smaller."""
    small_sizes = f"largest repository {large['commits']:,} commits, the goal's {LARGE_REPOSITORY:,} not run" \
        if large["commits"] < LARGE_REPOSITORY else None
    return f"{now} ({ratio:.2f}×)", _verdict(ratio <= WITHIN, small_sizes)


def fetch_flat(results):
    small, large = _growth_rows(results)
    return _within(f"{small['standby_fetch_s']:.3f} s at {small['commits']:,} → {large['standby_fetch_s']:.3f} s at "
                   f"{large['commits']:,} commits", large["standby_fetch_s"] / small["standby_fetch_s"], large)


def fetch_flat_before(before):
    prev = before["fetch_one_commit_s"]
    sizes = sorted(prev, key=int)
    a, b = prev[sizes[0]], prev[sizes[-1]]
    return f"{a:.3f} s at {int(sizes[0]):,} → {b:.3f} s at {int(sizes[-1]):,} commits ({b / a:.1f}×)"


def first_mirror(results):
    _, large = _growth_rows(results)
    return _within(f"{large['standby_first_fetch_s']:.2f} s against `git clone` {large['seed_clone_s']:.2f} s at "
                   f"{large['commits']:,} commits", large["standby_first_fetch_s"] / large["seed_clone_s"], large)


def first_mirror_before(before):
    mirror, clone = before["first_mirror_s"], before["git_clone_s"]
    size = max(mirror, key=int)
    return f"{mirror[size]:.2f} s against {clone[size]:.2f} s at {int(size):,} commits ({mirror[size] / clone[size]:.1f}×)"


def agent_variant(results):
    """The JVM set-up part 5 reports the agent's goals on: the one part 5 names as recommended if it does, else the
    last one named after the README (part 5 lists them from the JVM's defaults to the most tuned: the README's flags,
    then with the class-data archive bin/standby uses when present), else its last."""
    agent = results["agent"]
    variants = agent["variants"]
    chosen = agent.get("recommended")
    if chosen not in variants:
        readme = [n for n in variants if "readme" in n.lower()]
        chosen = (readme or list(variants))[-1]
    return chosen, variants[chosen]


def _previous(before, key, unit, digits):
    """The 2026-11-22 figure of each JVM set-up part 5 had then."""
    return " · ".join(f"{v:.{digits}f} {unit} ({name})" for name, v in before[key].items())


def status_time(results):
    name, v = agent_variant(results)
    ms = v["status_ms"]["mean"] if isinstance(v["status_ms"], dict) else v["status_ms"]
    return f"{ms:.0f} ms mean ({name})", _verdict(ms <= 300)


def idle_rss(results):
    name, v = agent_variant(results)
    mb = v["rss_mb_median"]
    return f"{mb:.1f} MB median ({name})", _verdict(mb <= 64)


def _seconds(text):
    m = re.fullmatch(r"\s*([\d.]+)\s*(ms|s|m)?\s*", str(text))
    number, unit = float(m.group(1)), m.group(2) or "s"
    return number / 1000 if unit == "ms" else number * 60 if unit == "m" else number


def idle_cpu(results):
    name, v = agent_variant(results)
    poll = v.get("poll") or results["agent"]["poll"]
    cpu = v["cpu_percent"]
    now = f"{cpu:.2f} % of a core, polling every {poll} ({name})"
    if _seconds(poll) >= 30 or cpu <= 0.2:
        return now, _verdict(cpu <= 0.2, None if _seconds(poll) >= 30 else f"at a {poll} poll")
    return now, f"not judged: measured at a {poll} poll, not 30 s"


def idle_cpu_before(before):
    return _previous(before, "idle_cpu_percent", "%", 2) + f", polling every {before['idle_poll']}"


def configs_from_jar(results):
    used = results.get("configs_from_jar") or []
    if not used:
        return None
    both = any("nginx" in u for u in used) and any("haproxy" in u for u in used)
    return "; ".join(used), _verdict(True) if both else "not judged: only these ran"


GOALS = [  # (goal, this run's figure and verdict, the 2026-11-22 figure)
    ("push → live, median under load, polling every 500 ms: ≤ 0.8 s", push_to_live_polling,
     push_to_live_polling_before),
    ("push → live through the push hook, median under load: ≤ 0.5 s plus the service's boot", push_to_live_hook,
     push_to_live_hook_before),
    (f"`starting` does not grow with the sockets: the runtime's start at 50,000 TIME_WAIT within {WITHIN}× of 1,000",
     starting_flat, starting_flat_before),
    (f"one new commit's fetch at {LARGE_REPOSITORY:,} commits within {WITHIN}× of 100", fetch_flat, fetch_flat_before),
    (f"first mirror within {WITHIN}× of `git clone` (largest repository)", first_mirror, first_mirror_before),
    ("`standby status` ≤ 0.3 s", status_time, lambda before: _previous(before, "status_ms", "ms", 0)),
    ("idle RSS ≤ 64 MB", idle_rss, lambda before: _previous(before, "idle_rss_mb", "MB", 1)),
    ("idle CPU ≤ 0.2 % at a 30 s poll", idle_cpu, idle_cpu_before),
    ("the bench's nginx and HAProxy configurations come from the jar", configs_from_jar,
     lambda before: before["configs_from_jar"]),
]
