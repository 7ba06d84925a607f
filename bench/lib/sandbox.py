"""A server on loopback in a directory of its own, as an operator of the tutorial has it: a bare repository,
v1 of the sample EasySwoole app started by hand on the blue port, and a proxy in front (nginx in the tutorial's
reload layout or in Standby's flag layout, or HAProxy). Mirrors app/src/test/java/io/standby/app/it/Sandbox.java."""
import functools
import os
import re
import shlex
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from . import proc
from .proc import NGINX, HAPROXY, run, out

REPO = Path(__file__).resolve().parents[2]
SAMPLE_APP = REPO / "sample-app"
BUILT_JAR = REPO / "app" / "target" / "standby.jar"
# bench.py copies the built jar into its work directory and points this at the copy: a rebuild during a run
# must not swap classes under a running agent.
JAR = BUILT_JAR
COMPOSER_INSTALL = ["composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction", "--quiet"]
GIT_ID = ["-c", "user.name=Dev", "-c", "user.email=dev@example.com"]

# Which of the proxies' configurations this run took from the jar (`standby nginx-config`, `standby haproxy-config`)
# rather than writing them itself: the report's goal "bench configs from the jar" reads it.
FROM_JAR = set()

LAUNCHER = REPO / "bin" / "standby"


def launcher_flags(name):
    """A shell variable of bin/standby (JVM flags), so that what the bench runs is what operators run."""
    found = re.search(rf'^{name}="([^"]*)"', LAUNCHER.read_text(), re.MULTILINE)
    if not found:
        raise proc.Failed(f"{LAUNCHER} has no {name}=\"...\" line")
    return shlex.split(found.group(1))


@functools.cache
def launcher_agent_jvm():
    """The flags bin/standby gives `standby run`, the trimming of the C heap included when this JVM has it (asked as
    the launcher asks): every agent of the scenarios runs with these, without the class-data archive (part 5
    measures them with it, and against the JVM's defaults)."""
    flags = launcher_flags("flags") + launcher_flags("agent_flags")
    trim = launcher_flags("trim_flags")
    if subprocess.run(["java", *trim, "-version"], capture_output=True).returncode == 0:
        flags += trim
    return flags


@functools.cache
def launcher_command_jvm():
    """The flags bin/standby gives every other command (status, rollback, nginx-config, ...)."""
    return launcher_flags("flags") + launcher_flags("command_flags")


def copy_app(to):
    """The sample app as the benchmark deploys it: without build output. Like EasySwoole's server it answers with a
    Content-Length and keeps connections alive, so keep-alive load reaches it through nginx and HAProxy alike."""
    shutil.copytree(SAMPLE_APP, to, ignore=shutil.ignore_patterns("vendor", "Temp", "Log"))


def set_port(mode_file, port):
    text = Path(mode_file).read_text()
    import re
    Path(mode_file).write_text(re.sub(r"'PORT' => \d+,", f"'PORT' => {port},", text, count=1))


def get(port, path="/", timeout=3):
    """One request through a fresh connection: (status, body), or (0, error)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return r.status, r.read().decode().strip()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace").strip()
    except OSError as e:
        return 0, str(e)


class Sandbox:
    def __init__(self, root, router="nginx-reload", jvm=None, command_jvm=None):
        self.root = Path(root)
        self.reaper = proc.Reaper()
        self.router = router            # nginx-reload | nginx-flag | haproxy
        self.jvm = list(launcher_agent_jvm() if jvm is None else jvm)  # for `standby run`
        self.command_jvm = list(launcher_command_jvm() if command_jvm is None else command_jvm)  # every other one
        self.bare = self.root / "git" / "app.git"
        self.work = self.root / "work"
        self.current = self.root / "current"
        self.state = self.root / "state"
        self.config = self.root / "standby.yml"
        self.nginx_dir = self.root / "nginx"
        self.haproxy_dir = self.root / "haproxy"
        self.blue = proc.free_port()
        self.green = proc.free_port()
        self.proxy = proc.free_port()
        self.log = self.root / "commands.log"
        self.env = {}                   # extra environment of every standby command (a webhook's secret)
        self.notes = []
        self.root.mkdir(parents=True, exist_ok=True)

    # --- the repository ---

    def init_repo(self, app_dir=None, version="1"):
        """Pushes v1 of the sample app (or of a prepared copy) to a fresh bare repository."""
        run(["git", "init", "-q", "--bare", "--initial-branch=master", self.bare], cwd=self.root)
        if app_dir is None:
            copy_app(self.work)
        else:
            shutil.copytree(app_dir, self.work)
        run(["git", "init", "-q", "--initial-branch=master"], cwd=self.work)
        run(["git", "remote", "add", "origin", self.bare.as_uri()], cwd=self.work)
        self.write("VERSION", version)
        self.commit_and_push(f"v{version}")
        return self

    def write(self, name, content):
        path = self.work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)

    def delete(self, name):
        (self.work / name).unlink(missing_ok=True)

    def commit(self, message):
        run(["git", "add", "-A"], cwd=self.work)
        run(["git", *GIT_ID, "commit", "-q", "--allow-empty", "-m", message], cwd=self.work)
        return out(["git", "rev-parse", "HEAD"], cwd=self.work).strip()

    def push(self):
        """`git push`; returns when it began (the start of push-to-live)."""
        began = time.time()
        run(["git", "push", "-q", "origin", "HEAD:master"], cwd=self.work)
        return began

    def commit_and_push(self, message):
        sha = self.commit(message)
        self.push()
        return sha

    # --- v1 by hand ---

    def hand_deploy_v1(self, mode="produce", port=None):
        run(["git", "clone", "-q", "--branch", "master", self.bare.as_uri(), self.current], cwd=self.root)
        run(COMPOSER_INSTALL, cwd=self.current)
        set_port(self.current / f"{mode}.php", port or self.blue)
        self.start_php(self.current, mode)
        proc.wait_until(lambda: proc.listening(port or self.blue), 20, f"v1 on port {port or self.blue}")
        return self

    def start_php(self, directory, mode="produce"):
        # Like Swoole, the daemon keeps a copy of the CLI's stdout and stderr open until the server exits, so the
        # CLI's output goes to a file: read through a pipe it would never reach its end.
        import subprocess
        args = ["php", "easyswoole.php", "server", "start", "-d", f"-mode={mode}"]
        with open(self.log, "a") as log:
            log.write(f"$ {' '.join(args)}\n")
            log.flush()
            done = subprocess.run(args, cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                  timeout=120)
        if done.returncode != 0:
            raise proc.Failed(f"{' '.join(args)} (in {directory}) exited {done.returncode}: see {self.log}")
        # The master renames itself after SERVER_NAME and leads its own process group (EasySwoole 3.6: Temp/{mode}.pid).
        self.reaper.add_pid_file(Path(directory) / "Temp" / f"{mode}.pid", group=True, expect="EasySwoole")

    # --- the proxy ---

    def start_proxy(self):
        if self.router == "haproxy":
            self.start_haproxy()
        else:
            self.start_nginx()
        return self

    def nginx_conf(self):
        return self.nginx_dir / "nginx.conf"

    def flag_file(self):
        return self.root / "flags" / "green"

    def nginx_args(self, *extra):
        return [NGINX, *extra, "-p", self.nginx_dir, "-c", self.nginx_conf()]

    def start_nginx(self, layout=None):
        """Reload layout: the tutorial's one upstream, whose server line is rewritten. Flag layout: the snippet
        `standby nginx-config` prints, included as it comes. Plain: proxy_pass to the blue slot (a cost baseline)."""
        layout = layout or ("flag" if self.router == "nginx-flag" else "reload")
        d = self.nginx_dir
        (d / "logs").mkdir(parents=True, exist_ok=True)
        (self.root / "flags").mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        if layout == "reload":
            http_part = f"    upstream easyswoole.relase.com {{\n           server    127.0.0.1:{self.blue};\n    }}\n"
            server_part = ("        location / {\n            proxy_pass http://easyswoole.relase.com;\n"
                           "            proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n        }\n")
        elif layout == "plain":
            http_part = f"    upstream sample_plain {{ server 127.0.0.1:{self.blue}; keepalive 16; }}\n"
            server_part = ("        location / {\n            proxy_pass http://sample_plain;\n"
                           "            proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n"
                           "            proxy_set_header Host $host;\n"
                           "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n        }\n")
        else:
            # From the jar, so the benchmark cannot drift from what operators are told to include.
            snippet = self.standby("nginx-config")
            if "# 2." not in snippet:
                raise proc.Failed(f"`standby nginx-config` printed no part 2 (the server block's lines): {snippet!r}")
            FROM_JAR.add("nginx flag snippet (`standby nginx-config`)")
            head, _, tail = snippet.partition("# 2.")
            (d / "standby-http.conf").write_text(head)
            (d / "standby-server.conf").write_text("# 2." + tail)
            http_part = f"    include {d / 'standby-http.conf'};\n"
            server_part = f"        include {d / 'standby-server.conf'};\n"
        conf = (f"{user}worker_processes 2;\npid {d / 'nginx.pid'};\nerror_log {d / 'logs/error.log'} warn;\n"
                "events { worker_connections 1024; }\n"
                "http {\n    access_log off;\n    keepalive_timeout 65;\n"
                f"    client_body_temp_path {d / 'body'};\n    proxy_temp_path {d / 'proxy'};\n"
                f"    fastcgi_temp_path {d / 'fcgi'};\n    uwsgi_temp_path {d / 'uwsgi'};\n    scgi_temp_path {d / 'scgi'};\n"
                + http_part
                + f"    server {{\n        listen 127.0.0.1:{self.proxy};\n" + server_part + "    }\n}\n")
        self.nginx_conf().write_text(conf)
        run(self.nginx_args(), cwd=d)
        self.reaper.add_pid_file(d / "nginx.pid", expect="nginx")
        proc.wait_until(lambda: proc.read_pid(d / "nginx.pid"), 10, "nginx's pid file")
        proc.wait_until(lambda: proc.listening(self.proxy), 10, f"nginx on {self.proxy}")

    def nginx_reload(self):
        run(self.nginx_args("-s", "reload"), cwd=self.nginx_dir)

    def haproxy_socket(self):
        return self.haproxy_dir / "admin.sock"

    def haproxy_cfg(self):
        return self.haproxy_dir / "haproxy.cfg"

    def start_haproxy(self):
        """The haproxy.cfg `standby haproxy-config` prints (adapters-haproxy's MinimalHaproxyConfig: blue live, green
        `disabled`), with one line added: health checks every 500 ms instead of HAProxy's 2 s, since the switch waits
        for HAProxy to see the new server up, and 2 s between checks would add that to every release."""
        self.haproxy_dir.mkdir(parents=True, exist_ok=True)
        cfg = self.standby("haproxy-config", "--bind", f"127.0.0.1:{self.proxy}")
        backend = "\nbackend sample\n"
        if backend not in cfg:
            raise proc.Failed(f"`standby haproxy-config` printed no '{backend.strip()}': {cfg!r}")
        FROM_JAR.add("haproxy.cfg (`standby haproxy-config`)")
        cfg = cfg.replace(backend, backend + "    default-server inter 500ms\n", 1)
        self.haproxy_cfg().write_text(cfg)
        pid_file = self.haproxy_dir / "haproxy.pid"
        run([HAPROXY, "-D", "-f", self.haproxy_cfg(), "-p", pid_file], cwd=self.haproxy_dir)
        self.reaper.add_pid_file(pid_file, expect="haproxy")
        proc.wait_until(lambda: proc.listening(self.proxy), 10, f"haproxy on {self.proxy}")

    # --- the agent ---

    def write_config(self, extra="", watch="1s", drain="1s", poll="500ms", reuse_vendor=True, attempts=8,
                     max_backoff="2s"):
        if self.router == "nginx-reload":
            router = (f"router:\n  kind: nginx\n  nginx:\n    mode: reload\n    config-file: {self.nginx_conf()}\n"
                      f"    upstream: easyswoole.relase.com\n    pid-file: {self.nginx_dir / 'nginx.pid'}\n"
                      f"    test-command: [{NGINX}, -t, -q, -p, {self.nginx_dir}, -c, {self.nginx_conf()}]\n"
                      f"    reload-command: [{NGINX}, -s, reload, -p, {self.nginx_dir}, -c, {self.nginx_conf()}]\n")
        elif self.router == "nginx-flag":
            router = (f"router:\n  kind: nginx\n  nginx:\n    mode: flag\n    upstream: sample\n    flag-file: {self.flag_file()}\n"
                      f"    pid-file: {self.nginx_dir / 'nginx.pid'}\n"
                      f"    dump-command: [{NGINX}, -T, -p, {self.nginx_dir}, -c, {self.nginx_conf()}]\n")
        else:
            router = (f"router:\n  kind: haproxy\n  haproxy:\n    socket: {self.haproxy_socket()}\n    backend: sample\n"
                      f"    config-file: {self.haproxy_cfg()}\n    binary: {HAPROXY}\n")
        yaml = (f"app: sample\nrepository:\n  url: {self.bare.as_uri()}\n  branch: master\n"
                f"poll-interval: {poll}\nmax-backoff: {max_backoff}\nstate-dir: {self.state}\nadopt-directory: {self.current}\n"
                f"install:\n  reuse-vendor: {'true' if reuse_vendor else 'false'}\n"
                "service:\n  mode: produce\n  start-timeout: 15s\n  stop-timeout: 10s\n"
                f"slots:\n  blue: {self.blue}\n  green: {self.green}\n"
                f"health:\n  proxy-url: http://127.0.0.1:{self.proxy}\n  attempts: {attempts}\n  interval: 250ms\n"
                f"drain:\n  minimum: {drain}\n  timeout: 20s\n"
                f"watch:\n  window: {watch}\n  interval: 250ms\n" + router + extra)
        self.config.write_text(yaml)
        return self

    def java(self, jvm=None):
        return ["java", *(self.jvm if jvm is None else jvm), "-jar", globals()["JAR"], "-c", self.config]

    def environment(self):
        return {**os.environ, **self.env}

    def standby(self, *args, check=True, timeout=180):
        """Runs one standby command; its stdout (the timeline on stderr goes to agent.log)."""
        import subprocess
        with open(self.root / "agent.log", "a") as log:
            log.write(f"\n=== standby {' '.join(args)} at {time.strftime('%H:%M:%S')}\n")
            log.flush()
            done = subprocess.run([str(a) for a in self.java(self.command_jvm)] + list(args), cwd=self.root,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=log, text=True, timeout=timeout, env=self.environment())
        if check and done.returncode != 0:
            raise proc.Failed(f"standby {' '.join(args)} exited {done.returncode}: {done.stdout[-2000:]}\n"
                              f"agent log tail:\n{self.agent_log_tail()}")
        return done.stdout

    def start_agent(self, jvm=None):
        import subprocess
        log = open(self.root / "agent.log", "a")
        p = subprocess.Popen([str(a) for a in self.java(jvm)] + ["run"], cwd=self.root, stdin=subprocess.DEVNULL,
                             stdout=log, stderr=subprocess.STDOUT, env=self.environment())
        self.reaper.add(p)
        return p

    def start_agent_ready(self, jvm=None, seconds=120):
        """Starts `standby run` and waits for its first poll (it writes state/source.json after each). An agent
        that refuses to start is retried once, and the refusal noted with its log: seen here under load, the
        start-up check of the flag-mode snippet failed once on a config that `check-config` then passed."""
        for attempt in (1, 2):
            began = time.time()
            log = self.root / "agent.log"
            mark = log.stat().st_size if log.exists() else 0
            agent = self.start_agent(jvm)
            source = self.state / "source.json"
            def ready():
                return agent.poll() is not None or (source.exists() and source.stat().st_mtime >= began - 1)
            proc.wait_until(ready, seconds, "the agent's first poll", interval=0.05)
            if agent.poll() is None:
                return agent
            with open(log, "rb") as f:
                f.seek(mark)
                said = f.read().decode(errors="replace")
            refusal = [l for l in said.splitlines() if l.startswith("standby: ")]
            if attempt == 2 or not refusal:
                raise proc.Failed(f"the agent exited with {agent.returncode}; its log:\n{said[-3000:]}")
            _, check = proc.run(self.java(self.command_jvm) + ["check-config"], cwd=self.root, check=False, env=self.env)
            self.notes.append("AGENT_REFUSED " + refusal[-1] + " ||| check-config right after: "
                              + " / ".join(l for l in check.splitlines() if l.startswith(("ok", "FAIL"))))
        raise AssertionError("unreachable")

    def stop_agent(self, agent, timeout=60, grace=3.0):
        """SIGTERM, as an operator's service manager sends it: the agent finishes a release under way first and
        logs "standby <app> stopped". The JVM should exit right after; if it has not `grace` seconds after that
        line, it is killed and the delay is noted (seen here: the shutdown hook waits 30 s for the main thread,
        which is itself blocked in System.exit). Returns seconds from SIGTERM to exit."""
        if agent.poll() is not None:
            return 0.0
        log = self.root / "agent.log"
        mark = log.stat().st_size if log.exists() else 0
        began = time.time()
        agent.terminate()
        stopped_at = None
        while agent.poll() is None and time.time() - began < timeout:
            if stopped_at is None and log.exists():
                with open(log, "rb") as f:
                    f.seek(mark)
                    if b"standby sample stopped" in f.read():
                        stopped_at = time.time()
            if stopped_at is not None and time.time() - stopped_at > grace:
                self.notes.append(f"`standby run` logged 'stopped' {stopped_at - began:.1f}s after SIGTERM but had not "
                                  f"exited {grace:.0f}s later; killed it (pid {agent.pid})")
                agent.kill()
                break
            time.sleep(0.05)
        if agent.poll() is None:
            agent.kill()
        agent.wait(10)
        return time.time() - began

    def journal(self):
        """The agent's history as written so far (state/history.jsonl, one JSON entry a line)."""
        import json
        path = self.state / "history.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def await_journal(self, count, seconds, agent=None):
        def done():
            if agent is not None and agent.poll() is not None:
                raise proc.Failed(f"the agent exited with {agent.returncode}; its log ends:\n{self.agent_log_tail()}")
            return len(self.journal()) >= count
        proc.wait_until(done, seconds, f"{count} entries in {self.state / 'history.jsonl'}", interval=0.05)

    def release_live(self, message, seconds, agent):
        """Commits and pushes what the work tree holds, waits for the agent to journal the release and returns its
        entry; a release that does not go live fails the run, since its timings would measure something else."""
        before = len(self.journal())
        self.commit_and_push(message)
        self.await_journal(before + 1, seconds, agent)
        entry = self.journal()[-1]
        if entry["result"] != "LIVE":
            raise proc.Failed(f"the release of {message!r} ended {entry['result']}: {entry['reason']}")
        return entry

    def agent_log_tail(self, lines=40):
        path = self.root / "agent.log"
        return "\n".join(path.read_text().splitlines()[-lines:]) if path.exists() else ""

    def history(self):
        import json
        return json.loads(self.standby("history", "--json", "-n", "1000"))

    # --- the end ---

    def close(self):
        self.reaper.stop_all()
        for pid in proc.php_servers_under(self.root):
            self.reaper.stop(pid, group=True, grace=1)
        for pid in proc.php_processes_under(self.root):
            self.reaper.stop(pid, grace=1)
