<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

/*
 * Stand-in for Swoole's manager process (swoole-src src/server/manager.cc, Manager::wait): forks the event workers and
 * then the user processes, runs onManagerStart (so the children, forked before it, inherit the master's title until
 * they rename themselves), restarts every child that exits, reloads the workers on SIGUSR1, and on SIGTERM (or when its
 * master is gone) sends SIGTERM to every child and SIGKILLs what is left after 2 x max_wait_time.
 * Simplified: PR_SET_PDEATHSIG(SIGTERM) is emulated by polling posix_getppid() every 100 ms; a child that dies is
 * restarted at most every 150 ms (Swoole at once); reload simply sends SIGTERM to each worker and restarts it on exit.
 */
final class Manager
{
    /** @var array<int, array{pid: int, started: float}> event workers by id */
    private array $workers = [];
    /** @var array<int, array{pid: int, started: float}> user processes by index */
    private array $users = [];
    private bool $running = true;
    private bool $reload = false;
    private int $masterPid;

    public function __construct(private readonly Server $server)
    {
        $this->masterPid = $server->master_pid;
    }

    public function run(): never
    {
        $server = $this->server;
        $server->manager_pid = getmypid();
        SwooleLog::$symbol = SwooleLog::MANAGER;
        pcntl_signal(SIGTERM, function (): void {
            $this->running = false;
        });
        pcntl_signal(SIGUSR1, function (): void {
            $this->reload = true;
        });
        pcntl_signal(SIGUSR2, static function (): void {
        });
        if (posix_getppid() !== $this->masterPid) {
            $this->running = false;
        }

        for ($id = 0; $id < $server->workerNum(); $id++) {
            $this->spawnWorker($id);
        }
        foreach (array_keys($server->processes()) as $index) {
            $this->spawnUser($index);
        }
        $server->fire('managerStart', $server);

        while ($this->running) {
            $this->reap(true);
            if (posix_getppid() !== $this->masterPid) {
                break; // what PR_SET_PDEATHSIG(SIGTERM) would tell us
            }
            if ($this->reload) {
                $this->reload = false;
                $server->log()->info('Manager::wait', 'Server is reloading all workers now');
                foreach ($this->workers as $worker) {
                    posix_kill($worker['pid'], SIGTERM);
                }
            }
            usleep(100_000);
        }
        $this->stopChildren();
        $server->fire('managerStop', $server);
        exit(0);
    }

    /** Collects exited children; while running, restarts them (a quick crash loop at most every 150 ms). */
    private function reap(bool $restart): void
    {
        while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
            foreach ($this->workers as $id => $worker) {
                if ($worker['pid'] === $pid) {
                    $this->workers[$id]['pid'] = 0;
                    if ($restart) {
                        $this->reportExit($pid, $id, $status, true);
                    }
                }
            }
            foreach ($this->users as $index => $user) {
                if ($user['pid'] === $pid) {
                    $this->users[$index]['pid'] = 0;
                    if ($restart) {
                        $this->reportExit($pid, $this->server->workerNum() + $index, $status, false);
                    }
                }
            }
        }
        if (!$restart) {
            return;
        }
        foreach ($this->workers as $id => $worker) {
            if ($worker['pid'] === 0 && $this->running) {
                $this->pace($worker['started']);
                if ($this->running) {
                    $this->spawnWorker($id);
                }
            }
        }
        foreach ($this->users as $index => $user) {
            if ($user['pid'] === 0 && $this->running) {
                $this->pace($user['started']);
                if ($this->running) {
                    $this->spawnUser($index);
                }
            }
        }
    }

    /** Factory::check_worker_exit_status: a non-zero status is logged (and reported to onWorkerError for workers). */
    private function reportExit(int $pid, int $id, int $status, bool $eventWorker): void
    {
        if ($status === 0) {
            return;
        }
        $code = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 0;
        $signal = pcntl_wifsignaled($status) ? pcntl_wtermsig($status) : 0;
        $this->server->log()->warning('Worker::report_error', sprintf(
            'worker(pid=%d, id=%d) abnormal exit, status=%d, signal=%d', $pid, $id, $code, $signal));
        if ($eventWorker) {
            $this->server->fire('workerError', $this->server, $id, $pid, $code, $signal);
        }
    }

    private function pace(float $started): void
    {
        $wait = $started + 0.15 - microtime(true);
        if ($wait > 0) {
            usleep((int) ($wait * 1_000_000));
        }
    }

    private function spawnWorker(int $id): void
    {
        $pid = $this->fork();
        if ($pid === 0) {
            (new Worker($this->server, $id, $this->server->manager_pid))->run();
        }
        $this->workers[$id] = ['pid' => max(0, $pid), 'started' => microtime(true)];
    }

    private function spawnUser(int $index): void
    {
        $pid = $this->fork();
        if ($pid === 0) {
            $server = $this->server;
            $managerPid = $server->manager_pid;
            SwooleLog::$symbol = SwooleLog::USER;
            SwooleLog::$workerId = $server->workerNum() + $index;
            $server->worker_id = $server->workerNum() + $index;
            $server->worker_pid = getmypid();
            pcntl_signal(SIGTERM, static function (): void {
                exit(0);
            });
            pcntl_signal(SIGALRM, static function () use ($managerPid): void {
                if (posix_getppid() !== $managerPid) {
                    exit(0);
                }
                pcntl_alarm(1);
            });
            pcntl_alarm(1);
            $server->processes()[$index]->run($server);
            exit(0);
        }
        $this->users[$index] = ['pid' => max(0, $pid), 'started' => microtime(true)];
    }

    /** Forks a child that starts with default signal handling. */
    private function fork(): int
    {
        $pid = pcntl_fork();
        if ($pid === -1) {
            $this->server->log()->warning('Manager::spawn', 'fork() failed');
            return -1;
        }
        if ($pid === 0) {
            foreach ([SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD] as $signal) {
                pcntl_signal($signal, SIG_DFL);
            }
        }
        return $pid;
    }

    private function stopChildren(): void
    {
        $children = fn(): array => array_filter(array_merge(
            array_column($this->workers, 'pid'), array_column($this->users, 'pid')));
        foreach ($children() as $pid) {
            posix_kill($pid, SIGTERM);
        }
        $deadline = microtime(true) + 2 * $this->server->maxWaitTime();
        while ($children() !== []) {
            if (microtime(true) >= $deadline) {
                $this->server->log()->warning('Manager::terminate_all_worker',
                    'wait timeout, all worker processes will be forcibly terminated');
                foreach ($children() as $pid) {
                    posix_kill($pid, SIGKILL);
                }
                $deadline = PHP_FLOAT_MAX;
            }
            usleep(50_000);
            $this->reap(false);
        }
    }
}
