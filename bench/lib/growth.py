"""Part 3: the cost of preparing a release as the repository grows. The seed clones the whole repository for every
release (`git clone`, over file:// so git's transport runs as it would against a remote); Standby keeps a JGit
mirror and fetches only what is new (its log says how long), then exports the commit's tree (the `fetching` stage
of its journal). C git's incremental fetch of the same commits is timed too, as the floor for a fetch."""
import re
import shutil
import statistics
import time

from . import genrepo, proc, releases, sandbox

FETCHED = re.compile(r"fetched branch 'master' of \S+: \w+\.\.\w+ \((\d+) ms\)")
MIRRORED = re.compile(r"mirrored branch 'master' of \S+ into \S+: head \w+ \((\d+) ms, first fetch\)")


def measure(root, sizes, clones, standby_releases, log):
    results = []
    for size in sizes:
        base = root / f"{size}"
        base.mkdir(parents=True)
        bare = base / "app.git"
        began = time.time()
        paths = genrepo.generate(bare, size, sandbox.SAMPLE_APP)
        generated = time.time() - began
        pack = sum(p.stat().st_size for p in bare.rglob("*") if p.is_file())
        clone_times = []
        for i in range(clones):
            target = base / f"clone-{i}"
            shutil.rmtree(target, ignore_errors=True)
            t = time.time()
            proc.run(["git", "clone", "-q", bare.as_uri(), target], timeout=600)
            clone_times.append(time.time() - t)
        standby = _standby(base, bare, paths, standby_releases)
        # For reference, C git's own incremental fetch of the commits Standby just released, into the last clone.
        t = time.time()
        proc.run(["git", "fetch", "-q", "origin"], cwd=target)
        git_fetch = time.time() - t
        row = {"commits": size, "repo_bytes": pack, "generated_s": round(generated, 2),
               "seed_clone_s": statistics.median(clone_times), "seed_clone_runs": clone_times,
               "git_fetch_s": git_fetch, **standby}
        # Only the logs are kept: the repositories and releases of a 50,000-commit history are hundreds of MB.
        for heavy in [bare, *base.glob("clone-*"), base / "standby" / "state" / "mirror.git",
                      base / "standby" / "state" / "releases", base / "standby" / "work", base / "standby" / "current"]:
            shutil.rmtree(heavy, ignore_errors=True)
        results.append(row)
        log(f"  repository of {size} commits ({pack / 1e6:.1f} MB): clone {row['seed_clone_s']:.2f}s, "
            f"Standby first fetch {row['standby_first_fetch_s']:.2f}s, fetch+export {row['standby_fetch_export_s']:.3f}s")
    return results


def _standby(base, bare, paths, count):
    """An agent over the generated repository: its first poll mirrors the whole branch (a one-time cost, logged),
    then each pushed commit is fetched incrementally and exported."""
    sb = sandbox.Sandbox(base / "standby", router="nginx-flag")
    try:
        sb.bare = bare
        # The operator's checkouts need no history: shallow clones keep set-up time out of the measurement.
        proc.run(["git", "clone", "-q", "--depth", "1", bare.as_uri(), sb.work])
        proc.run(["git", "clone", "-q", "--depth", "1", "--branch", "master", bare.as_uri(), sb.current])
        proc.run(sandbox.COMPOSER_INSTALL, cwd=sb.current)
        sandbox.set_port(sb.current / "produce.php", sb.blue)
        sb.start_php(sb.current)
        proc.wait_until(lambda: proc.listening(sb.blue), 20, "v1")
        sb.write_config(poll="500ms").start_proxy()
        agent = sb.start_agent_ready()
        proc.wait_until(lambda: MIRRORED.search(_log(sb)), 600, "the agent's first fetch")
        first = int(MIRRORED.search(_log(sb)).group(1)) / 1000
        fetches, exports = [], []
        for n in range(count):
            genrepo.edit(sb.work, paths, n)
            sb.write("VERSION", str(2 + n))
            entry = sb.release_live(f"one more change ({n + 1})", 120, agent)
            exports.append(releases.stage_took(entry, "FETCHING"))
            fetches.append(int(FETCHED.findall(_log(sb))[-1]) / 1000)
        sb.stop_agent(agent, grace=1)
        files = len([p for p in (sb.current).rglob("*") if p.is_file() and ".git" not in p.parts and "vendor" not in p.parts])
        return {"standby_first_fetch_s": first, "standby_fetch_s": statistics.median(fetches),
                "standby_export_s": statistics.median(exports),
                "standby_fetch_export_s": statistics.median([f + e for f, e in zip(fetches, exports)]),
                "files": files, "notes": sb.notes}
    finally:
        sb.close()


def _log(sb):
    path = sb.root / "agent.log"
    return path.read_text() if path.exists() else ""
