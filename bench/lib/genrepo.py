"""Generated repositories with a long history, written through `git fast-import` (a few seconds for 50,000 commits).

The first commit holds the sample app plus `FILES` generated PHP classes of one to three kilobytes in
`src/Generated/<dir>/`; every later commit edits one line of one of them, as day-to-day work does, so the head is
the sample app as it is, ready to release and start."""
import random
import subprocess
from pathlib import Path

FILES = 300
DIRS = 15


def _class(d, f, version_line):
    methods = []
    for m in range(3 + (d * 7 + f) % 8):
        methods.append(f"""    /** Returns the {m}th value of the {d}/{f} table, after the checks it needs. */
    public function value{m}(int $key, array $context = []): int
    {{
        $base = {(d * 131 + f * 17 + m) % 997} + $key;
        if (isset($context['scale'])) {{
            $base *= (int) $context['scale'];
        }}
        return $base % {(m + 3) * 7};
    }}
""")
    return (f"<?php\ndeclare(strict_types=1);\n\nnamespace App\\Generated\\D{d};\n\n"
            f"/** Generated for the benchmark: stands for one of an application's own classes. */\n"
            f"final class C{f}\n{{\n    public const REVISION = '{version_line}';\n\n" + "\n".join(methods) + "}\n")


def _data(out, content):
    if isinstance(content, str):
        content = content.encode()
    out.write(b"data %d\n" % len(content))
    out.write(content)
    out.write(b"\n")


def generate(bare, commits, app_dir, seed=7):
    """A bare repository at `bare` whose branch master has `commits` commits; returns the generated paths."""
    bare = Path(bare)
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=master", str(bare)], check=True)
    rng = random.Random(seed)
    paths = [f"src/Generated/D{d}/C{f}.php" for d in range(DIRS) for f in range(FILES // DIRS)]
    fi = subprocess.Popen(["git", "-c", "pack.compression=1", "fast-import", "--quiet", "--done"], cwd=bare, stdin=subprocess.PIPE)
    out = fi.stdin
    when = 1_600_000_000
    app_files = sorted(p for p in Path(app_dir).rglob("*") if p.is_file()
                       and not any(part in ("vendor", "Temp", "Log", ".git") for part in p.relative_to(app_dir).parts))
    for n in range(1, commits + 1):
        when += 600
        out.write(b"commit refs/heads/master\n")
        out.write(b"committer Dev <dev@example.com> %d +0000\n" % when)
        if n == 1:
            _data(out, "Import the application")
            for path in app_files:
                mode = b"100755" if path.stat().st_mode & 0o111 else b"100644"
                out.write(b"M " + mode + b" inline " + str(path.relative_to(app_dir)).encode() + b"\n")
                _data(out, path.read_bytes())
            for i, path in enumerate(paths):
                d, f = divmod(i, FILES // DIRS)
                out.write(b"M 100644 inline " + path.encode() + b"\n")
                _data(out, _class(d, f, "r1"))
        else:
            i = rng.randrange(len(paths))
            d, f = divmod(i, FILES // DIRS)
            _data(out, f"Tune C{f} in D{d} (change {n})")
            out.write(b"M 100644 inline " + paths[i].encode() + b"\n")
            _data(out, _class(d, f, f"r{n}"))
        out.write(b"\n")
    out.write(b"done\n")
    out.close()
    if fi.wait() != 0:
        raise RuntimeError(f"git fast-import failed for {bare}")
    return paths


def edit(work, paths, n):
    """One more commit's worth of change in a work tree: a line of one generated class."""
    i = n % len(paths)
    d, f = divmod(i, FILES // DIRS)
    Path(work, paths[i]).write_text(_class(d, f, f"r{n}-next"))
