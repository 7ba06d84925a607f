<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

/*
 * Stand-in for Swoole\Http\Server in SWOOLE_PROCESS mode, written in plain PHP (pcntl, posix, sockets) for machines
 * without the Swoole extension. It imitates what a release tool can observe (swoole-src: ext-src/swoole_server.cc,
 * src/server/master.cc, src/server/manager.cc, src/server/worker.cc, src/os/base.cc, src/core/log.cc):
 *  - the constructor binds the port at once (SO_REUSEADDR) and throws "failed to listen server port[HOST:PORT],
 *    Error: Address already in use[98]" when it cannot; listen() comes only in start(), after daemonizing and forking
 *    the manager (Server::start -> start_reactor_threads), so between the two the port is taken but refuses
 *    connections;
 *  - set() opens `log_file` (append) right away;
 *  - start() with `daemonize`: points stdout/stderr at the log file while keeping a duplicate of the original
 *    stdout/stderr open, as Swoole's Logger::redirect_stdout_and_stderr does (so whoever reads the CLI's pipes sees
 *    them close only when the whole server has exited), then daemon(0, 1) like glibc: fork, the parent (the CLI) exits
 *    0, the child calls setsid() and chdir('/'); stdin is left as it was;
 *  - the master forks the manager, then writes its pid (getmypid()) to `pid_file` as the string is (relative paths
 *    resolve against '/' once daemonized), then listens, then runs onStart; on SIGTERM it closes its listening socket,
 *    sends SIGTERM to the manager, waits for it, runs onShutdown, removes the pid file and returns from start();
 *  - the manager forks `worker_num` workers and the user processes (addProcess), then runs onManagerStart, restarts
 *    whatever exits (logging "worker(pid=N, id=I) abnormal exit, status=S, signal=G" for a non-zero status), reloads
 *    the workers on SIGUSR1, and on SIGTERM sends SIGTERM to all of them and SIGKILLs the rest after 2 x max_wait_time
 *    ("wait timeout, all worker processes will be forcibly terminated");
 *  - a worker runs onWorkerStart (an exception there kills it: PHP fatal error, exit 255), then serves HTTP; on
 *    SIGTERM it stops accepting, finishes the request in progress, closes its connections and exits 0.
 * Where it simplifies (see sample-app/README.md):
 *  - no reactor threads: each worker accepts on the shared listening socket itself, like SWOOLE_BASE, and owns its
 *    connections; a worker answers one request at a time (like a synchronous Swoole worker);
 *  - Swoole's manager gets PR_SET_PDEATHSIG(SIGTERM); PHP cannot set it, so the manager polls posix_getppid() every
 *    100 ms and shuts down as on SIGTERM when its master is gone; workers and user processes do the same with their
 *    manager (real ones would notice the master's pipes closing);
 *  - a worker that keeps dying is restarted at most every 150 ms (Swoole restarts it at once and spins);
 *  - no task workers of Swoole's own, no timers, coroutines, pipes, dispatch modes, `user`/`group`, heartbeat or
 *    compression.
 */
final class Server
{
    private const BACKLOG = 512;

    public array $setting = [];
    public int $master_pid = 0;
    public int $manager_pid = 0;
    public int $worker_id = -1;
    public int $worker_pid = 0;
    public int $start_time = 0;

    private \Socket $socket;
    private ?SwooleLog $log = null;
    /** @var array<string, callable> */
    private array $callbacks = [];
    /** @var Process[] */
    private array $processes = [];
    /** @var resource[] kept open on purpose: the original stdout/stderr and their replacements */
    private array $stdio = [];
    private bool $started = false;
    private bool $shutdown = false;

    public function __construct(public readonly string $host, public readonly int $port = 0,
                                public readonly int $mode = SWOOLE_PROCESS, public readonly int $sockType = SWOOLE_TCP)
    {
        $family = in_array($sockType, [SWOOLE_TCP6, SWOOLE_SOCK_TCP6], true) ? AF_INET6 : AF_INET;
        $socket = socket_create($family, SOCK_STREAM, SOL_TCP);
        socket_set_option($socket, SOL_SOCKET, SO_REUSEADDR, 1);
        if (!@socket_bind($socket, $host, $port)) {
            $errno = socket_last_error($socket);
            socket_close($socket);
            throw new Exception(sprintf('failed to listen server port[%s:%d], Error: %s[%d]',
                $host, $port, socket_strerror($errno), $errno), $errno);
        }
        socket_set_nonblock($socket);
        $this->socket = $socket;
    }

    public function set(array $setting): bool
    {
        $this->setting = array_merge($this->setting, $setting);
        if (!empty($setting['log_file'])) {
            $this->log = new SwooleLog((string) $setting['log_file']);
        }
        return true;
    }

    public function on(string $event, callable $callback): bool
    {
        $this->callbacks[strtolower($event)] = $callback;
        return true;
    }

    public function addProcess(Process $process): int
    {
        $this->processes[] = $process;
        return count($this->processes) - 1;
    }

    /** @return Process[] */
    public function processes(): array
    {
        return $this->processes;
    }

    public function workerNum(): int
    {
        return max(1, (int) ($this->setting['worker_num'] ?? 1));
    }

    public function maxWaitTime(): int
    {
        return max(1, (int) ($this->setting['max_wait_time'] ?? 3));
    }

    public function listenSocket(): \Socket
    {
        return $this->socket;
    }

    public function log(): SwooleLog
    {
        return $this->log ??= new SwooleLog('php://stdout');
    }

    /** Runs the callback registered for the event, if any; exceptions propagate, as in Swoole. */
    public function fire(string $event, mixed ...$args): void
    {
        $callback = $this->callbacks[strtolower($event)] ?? null;
        if ($callback !== null) {
            $callback(...$args);
        }
    }

    public function stats(): array
    {
        return [
            'start_time' => $this->start_time,
            'worker_num' => $this->workerNum(),
            'user_worker_num' => count($this->processes),
            'master_pid' => $this->master_pid,
            'manager_pid' => $this->manager_pid,
        ];
    }

    public function start(): bool
    {
        if ($this->started) {
            return false;
        }
        $this->started = true;
        if (!empty($this->setting['daemonize'])) {
            $this->redirectStdio();
            $this->daemon();
        }
        $this->master_pid = getmypid();
        $this->start_time = time();
        SwooleLog::$symbol = SwooleLog::MASTER;

        pcntl_async_signals(true);
        pcntl_signal(SIGPIPE, SIG_IGN);
        pcntl_signal(SIGTERM, function (): void {
            $this->shutdown = true;
        });
        pcntl_signal(SIGCHLD, static function (): void {
        });
        foreach ([SIGUSR1, SIGUSR2] as $reload) {
            pcntl_signal($reload, function (int $signal): void {
                if ($this->manager_pid > 0) {
                    posix_kill($this->manager_pid, $signal);
                }
            });
        }

        $manager = pcntl_fork();
        if ($manager === -1) {
            $this->log()->warning('Server::start', 'failed fork manager process');
            return false;
        }
        if ($manager === 0) {
            (new Manager($this))->run();
        }
        $this->manager_pid = $manager;

        $pidFile = (string) ($this->setting['pid_file'] ?? '');
        if ($pidFile !== '' && @file_put_contents($pidFile, (string) getmypid()) === false) {
            $this->log()->warning('file_put_contents', "open($pidFile) failed");
        }

        if (!@socket_listen($this->socket, self::BACKLOG)) {
            $this->log()->warning('ListenPort::listen', sprintf('listen(%s:%d, %d) failed',
                $this->host, $this->port, self::BACKLOG));
            $this->stopManager();
            if ($pidFile !== '') {
                @unlink($pidFile);
            }
            return false;
        }

        $this->fire('start', $this);

        $managerAlive = true;
        while (!$this->shutdown) {
            if ($managerAlive && pcntl_waitpid($this->manager_pid, $status, WNOHANG) === $this->manager_pid) {
                $managerAlive = false;
                $this->log()->warning('Server_signal_handler', sprintf(
                    'Fatal Error: manager process exit. status=%d, signal=[%d]',
                    pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 0,
                    pcntl_wifsignaled($status) ? pcntl_wtermsig($status) : 0));
            }
            usleep(200_000);
        }

        // Stop accepting, then let the manager take its workers down and wait for it.
        socket_close($this->socket);
        if ($managerAlive) {
            $this->stopManager();
        }
        $this->fire('shutdown', $this);
        if ($pidFile !== '') {
            @unlink($pidFile);
        }
        return true;
    }

    private function stopManager(): void
    {
        posix_kill($this->manager_pid, SIGTERM);
        while (true) {
            $pid = pcntl_waitpid($this->manager_pid, $status);
            if ($pid === $this->manager_pid || ($pid === -1 && pcntl_get_last_error() !== PCNTL_EINTR)) {
                return;
            }
        }
    }

    /**
     * Like Logger::redirect_stdout_and_stderr: duplicates of the original stdout and stderr stay open (inherited by the
     * manager, workers and user processes) while fds 1 and 2 point to the log file, or to /dev/null without one.
     */
    private function redirectStdio(): void
    {
        $target = $this->log !== null && $this->log->isOpened() ? $this->log->file : '/dev/null';
        foreach (['php://fd/1', 'php://fd/2'] as $original) {
            $copy = @fopen($original, 'w');
            if ($copy !== false) {
                $this->stdio[] = $copy;
            }
        }
        if (@readlink('/proc/self/fd/0') === false) {
            $this->stdio[] = fopen('/dev/null', 'r'); // fd 0 was closed: fill it, or the log would get it
        }
        fclose(STDOUT);
        fclose(STDERR);
        // The lowest free descriptors are now 1 and 2: opening the target twice fills them.
        $this->stdio[] = fopen($target, 'a');
        $this->stdio[] = fopen($target, 'a');
    }

    /** glibc's daemon(0, 1): fork, the parent exits 0, the child leads a new session and moves to '/'. */
    private function daemon(): void
    {
        $pid = pcntl_fork();
        if ($pid === -1) {
            throw new Exception('fork() failed');
        }
        if ($pid > 0) {
            exit(0);
        }
        posix_setsid();
        chdir('/');
    }
}
