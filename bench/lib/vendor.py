"""Part 4: dependencies. A copy of the sample app requires a generated package of `FILES` PHP classes, served the
way packagist serves packages, as a zip dist (here a file:// URL, so it works offline; composer downloads it into
its cache once and unzips it on every install), so vendor/ holds thousands of files. Standby's `installing` stage
is timed for releases whose composer.lock did not change, with vendor reuse on (vendor/ seeded from the cache
keyed by the lock's hash, then `composer install` finds nothing to do) and off (a plain install)."""
import json
import statistics
import zipfile

from . import proc, releases, sandbox

FILES = 3000


def make_app(root):
    """The app copy (its composer.lock resolved offline) and the dist zip it depends on, outside its repository."""
    package = root / "bulk"
    for i in range(FILES):
        d = package / "src" / f"Group{i // 100}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"Service{i}.php").write_text(
            "<?php\ndeclare(strict_types=1);\n\nnamespace Standby\\Bulk\\Group%d;\n\n"
            "/** Generated for the benchmark: stands for one class of a third-party library. */\n"
            "final class Service%d\n{\n    public function __construct(private readonly array $options = [])\n    {\n    }\n\n"
            "    public function handle(string $input): string\n    {\n        $out = strtoupper($input);\n"
            "        foreach ($this->options as $key => $value) {\n            $out .= \"|$key=$value\";\n        }\n"
            "        return $out . '#%d';\n    }\n}\n" % (i // 100, i, i))
    (package / "composer.json").write_text(json.dumps({"name": "standby/bulk", "version": "1.0.0", "type": "library"}))
    dist = root / "dist" / "bulk-1.0.0.zip"
    dist.parent.mkdir()
    with zipfile.ZipFile(dist, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(package.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(package))
    app = root / "app-template"
    sandbox.copy_app(app)
    composer = json.loads((app / "composer.json").read_text())
    composer["require"]["standby/bulk"] = "^1.0"
    composer["repositories"].insert(1, {"type": "package", "package": {
        "name": "standby/bulk", "version": "1.0.0", "type": "library",
        "dist": {"url": dist.as_uri(), "type": "zip"},
        "autoload": {"psr-4": {"Standby\\Bulk\\": "src/"}}}})
    (app / "composer.json").write_text(json.dumps(composer, indent=4))
    proc.run(["composer", "update", "--no-interaction", "--quiet"], cwd=app,
             env={"COMPOSER_ALLOW_SUPERUSER": "1", "COMPOSER_HOME": str(root / "composer-home")}, timeout=600)
    proc.run(["rm", "-rf", app / "vendor"])
    return app


def measure(root, releases_each, log):
    app = make_app(root)
    sb = sandbox.Sandbox(root / "sandbox", router="nginx-flag")
    try:
        sb.init_repo(app_dir=app).hand_deploy_v1()
        vendor_files = sum(1 for p in (sb.current / "vendor").rglob("*") if p.is_file())
        result = {"vendor_files": vendor_files}
        for reuse in (True, False):
            sb.write_config(poll="500ms", reuse_vendor=reuse)
            if not proc.listening(sb.proxy):
                sb.start_proxy()
            agent = sb.start_agent_ready()
            times = []
            for n in range(releases_each + (1 if reuse else 0)):
                sb.write("VERSION", f"{'reuse' if reuse else 'plain'}-{n}")
                entry = sb.release_live(f"version only, composer.lock unchanged ({n})", 180, agent)
                times.append(releases.stage_took(entry, "INSTALLING"))
            sb.stop_agent(agent, grace=1)
            if reuse:
                # The first release after adoption finds the cache empty: it installs in full and keeps a copy.
                result["reuse_first_s"] = times[0]
                result["reuse_s"] = statistics.median(times[1:])
                result["reuse_runs"] = times
            else:
                result["plain_s"] = statistics.median(times)
                result["plain_runs"] = times
        result["ratio"] = round(result["plain_s"] / result["reuse_s"], 2)
        result["notes"] = sb.notes
        log(f"  vendor/ of {vendor_files} files: plain install {result['plain_s']:.2f}s, reused {result['reuse_s']:.2f}s")
        return result
    finally:
        sb.close()
        proc.run(["rm", "-rf", root / "sandbox" / "state" / "releases", root / "sandbox" / "state" / "vendor-cache",
                  root / "bulk"], check=False)
