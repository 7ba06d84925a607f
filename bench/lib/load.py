"""Load through the proxy: wrk for the keep-alive load and its failure counters, and a small python probe that
timestamps every one of its own requests, so latency can be cut into a switch window and steady state."""
import json
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

LUA = Path(__file__).resolve().parent / "count.lua"


class Wrk:
    """One wrk run (-c 32 -t 2 by default), stopped with SIGINT, which makes wrk print its full report early."""

    def __init__(self, port, reaper, connections=32, threads=2, delay_ms=0, path="/", timeout="5s", tally=True):
        env = dict(os.environ, BENCH_DELAY_MS=str(delay_ms), BENCH_TALLY="1" if tally else "0")
        self.started = time.time()
        self.process = subprocess.Popen(
            ["wrk", "-c", str(connections), "-t", str(threads), "-d", "600s", "--timeout", timeout, "--latency",
             "-s", str(LUA), f"http://127.0.0.1:{port}{path}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        reaper.add(self.process)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=30)
        self.stopped = time.time()
        for line in output.splitlines():
            if line.startswith("BENCH "):
                result = json.loads(line[len("BENCH "):])
                result["statuses"] = {int(k): v for k, v in result["statuses"].items()}
                result["output"] = output
                return result
        raise RuntimeError("wrk printed no summary:\n" + output)


def run_for(port, reaper, seconds, **kwargs):
    w = Wrk(port, reaper, **kwargs)
    time.sleep(seconds)
    return w.stop()


def merge(results):
    """Totals over several wrk runs; percentiles cannot be merged, so they are left to the caller."""
    total = {k: 0 for k in ("requests", "duration_us", "connect", "read", "write", "timeout", "status")}
    statuses = {}
    for r in results:
        for k in total:
            total[k] += r[k]
        for s, n in r["statuses"].items():
            statuses[s] = statuses.get(s, 0) + n
    total["statuses"] = statuses
    return total


def failures(r):
    """wrk's own counters, split the way the issue asks: real failures (5xx and other non-2xx answers, refused
    connections, timeouts) apart from resets (a connection closed under a request wrk had written: read/write
    errors, which is what nginx's graceful reload does to idle keep-alive connections)."""
    non_2xx = sum(n for s, n in r["statuses"].items() if not 200 <= s < 300)
    return {"5xx": sum(n for s, n in r["statuses"].items() if s >= 500),
            "other_non_2xx": sum(n for s, n in r["statuses"].items() if s < 200 or 300 <= s < 500),
            "non_2xx": non_2xx,
            "refused": r["connect"], "timeout": r["timeout"],
            "failed": non_2xx + r["connect"] + r["timeout"],
            "resets": r["read"] + r["write"]}


class Probe:
    """A few keep-alive connections that each send GET / every `interval` seconds and record, per request, when it
    started, how long it took and how it ended: ok, status (an answer other than 2xx), reset (the connection was
    closed before any byte of the answer), refused, timeout."""

    def __init__(self, port, connections=2, interval=0.01, read_timeout=5.0):
        self.port = port
        self.interval = interval
        self.read_timeout = read_timeout
        self.samples = []           # (start wall time, latency seconds, kind, status)
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(connections)]
        for t in self.threads:
            t.start()

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(self.read_timeout + 2)
        with self.lock:
            return list(self.samples)

    def _record(self, start, kind, status=0):
        with self.lock:
            self.samples.append((start, time.time() - start, kind, status))

    def _work(self):
        request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench-probe\r\n\r\n"
        next_at = time.monotonic()
        while self.running:
            start = time.time()
            try:
                s = socket.create_connection(("127.0.0.1", self.port), timeout=self.read_timeout)
            except ConnectionRefusedError:
                self._record(start, "refused")
                next_at = self._pause(next_at)
                continue
            except socket.timeout:
                self._record(start, "timeout")
                continue
            except OSError:
                self._record(start, "refused")
                next_at = self._pause(next_at)
                continue
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            reader = _Reader(s)
            try:
                while self.running:
                    start = time.time()
                    try:
                        s.sendall(request)
                        status, closes = reader.response()
                    except socket.timeout:
                        self._record(start, "timeout")
                        break
                    except (ConnectionResetError, BrokenPipeError, _ClosedBeforeAnswer):
                        self._record(start, "reset")
                        break
                    except OSError:
                        self._record(start, "reset")
                        break
                    self._record(start, "ok" if 200 <= status < 300 else "status", status)
                    next_at = self._pause(next_at)
                    if closes:
                        break
            finally:
                s.close()

    def _pause(self, next_at):
        next_at += self.interval
        wait = next_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        else:
            next_at = time.monotonic()
        return next_at


class _ClosedBeforeAnswer(Exception):
    pass


class _Reader:
    """Just enough HTTP/1.1 to read one answer with a Content-Length or a chunked body."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _more(self, first_byte_needed):
        chunk = self.sock.recv(65536)
        if not chunk:
            if first_byte_needed:
                raise _ClosedBeforeAnswer()
            raise ConnectionResetError("closed in the middle of an answer")
        self.buf += chunk

    def _line(self, first=False):
        while b"\r\n" not in self.buf:
            self._more(first and not self.buf)
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line.decode("latin-1")

    def _take(self, n):
        while len(self.buf) < n:
            self._more(False)
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def response(self):
        status = int(self._line(first=True).split(" ")[1])
        length, chunked, closes = None, False, False
        while True:
            header = self._line()
            if not header:
                break
            name, _, value = header.partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and "close" in value:
                closes = True
        if chunked:
            while True:
                size = int(self._line().split(";")[0], 16)
                self._take(size + 2) if size else None
                if size == 0:
                    self._line()
                    break
        elif length is not None:
            self._take(length)
        else:
            closes = True
        return status, closes


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def window_stats(samples, windows, steady):
    """Splits probe samples into those that started inside a switch window and those in steady state.
    windows and steady are lists of (from, to) wall-clock times."""
    def inside(t, spans):
        return any(a <= t <= b for a, b in spans)

    def stats(chosen):
        ok = [lat for _, lat, kind, _ in chosen if kind == "ok"]
        kinds = {}
        for _, _, kind, _ in chosen:
            kinds[kind] = kinds.get(kind, 0) + 1
        return {"n": len(chosen), "kinds": kinds,
                "p50_ms": _ms(percentile(ok, 50)), "p99_ms": _ms(percentile(ok, 99)), "max_ms": _ms(max(ok) if ok else None)}

    in_window = [s for s in samples if inside(s[0], windows)]
    in_steady = [s for s in samples if inside(s[0], steady) and not inside(s[0], windows)]
    return {"window": stats(in_window), "steady": stats(in_steady)}


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 2)
