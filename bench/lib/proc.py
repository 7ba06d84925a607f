"""Running programs (argument lists, never shell strings) and stopping what we started, by pid."""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

NGINX = "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else "nginx"
HAPROXY = "/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else "haproxy"


class Failed(RuntimeError):
    pass


def run(args, cwd=None, timeout=300, check=True, env=None, log=None):
    """Runs a program to its end; returns (exit code, combined output). Raises Failed when check and it fails."""
    args = [str(a) for a in args]
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    try:
        done = subprocess.run(args, cwd=cwd, timeout=timeout, env=full_env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except subprocess.TimeoutExpired as e:
        raise Failed(f"{' '.join(args)} (in {cwd}) did not finish within {timeout}s: {e.output}")
    if log is not None:
        with open(log, "a") as f:
            f.write(f"$ {' '.join(args)}\n{done.stdout}")
    if check and done.returncode != 0:
        raise Failed(f"{' '.join(args)} (in {cwd}) exited {done.returncode}:\n{done.stdout[-3000:]}")
    return done.returncode, done.stdout


def out(args, cwd=None, timeout=300, env=None):
    return run(args, cwd=cwd, timeout=timeout, env=env)[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port, timeout=0.3):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(condition, seconds, what, interval=0.05):
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise Failed(f"timed out after {seconds}s waiting for {what}")
        time.sleep(interval)


def alive(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def read_pid(pid_file):
    try:
        text = Path(pid_file).read_text().strip().splitlines()
        return int(text[0]) if text and text[0].isdigit() else None
    except OSError:
        return None


class Reaper:
    """Remembers every process the benchmark started and stops each by its id, pass or fail. A pid is only
    signalled while it still belongs to what we started (a child not yet reaped, or a pid file whose process
    still runs the expected program), so a recycled pid never takes another program down."""

    def __init__(self):
        self.children = []   # subprocess.Popen objects
        self.pid_files = []  # (path, process group?, program name expected in its command line)

    def add(self, popen):
        self.children.append(popen)

    def add_pid_file(self, path, group=False, expect=""):
        self.pid_files.append((Path(path), group, expect))

    def stop(self, pid, group=False, grace=3.0):
        try:
            if group:
                os.killpg(pid, signal.SIGTERM)
            else:
                os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + grace
        while (group_alive(pid) if group else alive(pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            if group and group_alive(pid):
                os.killpg(pid, signal.SIGKILL)
            elif not group and alive(pid):
                os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def stop_child(self, popen, grace=3.0):
        if popen.poll() is None:
            popen.terminate()
            try:
                popen.wait(grace)
            except Exception:
                popen.kill()
                popen.wait(5)

    def stop_all(self):
        for path, group, expect in reversed(self.pid_files):
            pid = read_pid(path)
            if pid and alive(pid) and expect in command_of(pid):
                self.stop(pid, group)
        for popen in reversed(self.children):
            self.stop_child(popen, grace=30)
        self.children.clear()
        self.pid_files.clear()


def command_of(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def group_alive(pgid):
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def php_servers_under(root):
    """Pids (process-group leaders) of every sample-app master whose pid file lies in a Temp/ under root."""
    found = []
    for pid_file in Path(root).rglob("Temp/*.pid"):
        pid = read_pid(pid_file)
        if pid and alive(pid):
            found.append(pid)
    return found


def php_processes_under(root):
    """PHP processes that live under root: a Swoole-style daemon works in / under a renamed title, so its working
    directory or a file it holds open (the Swoole log its output goes to) must lie under root. The kernel keeps
    the name php whatever title the process gives itself."""
    root = str(Path(root).resolve())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not (entry / "comm").read_text().startswith("php"):
                continue
            places = [os.readlink(entry / "cwd")] + [os.readlink(fd) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        if any(place == root or place.startswith(root + "/") for place in places):
            found.append(int(entry.name))
    return found
