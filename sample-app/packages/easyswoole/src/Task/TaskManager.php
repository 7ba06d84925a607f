<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Task;

use EasySwoole\EasySwoole\Process\UnixSocketProcess;
use EasySwoole\Standin\Server;

/*
 * Stand-in for EasySwoole\EasySwoole\Task\TaskManager (easyswoole/task's Task::attachToServer): MAIN_SERVER.TASK.workerNum
 * (default 3) user processes named "{serverName}.TaskWorker.{i}", each listening on the unix socket
 * TEMP_DIR/{serverName}.TaskWorker.{i}.sock, serverName being "{SERVER_NAME}.{mode}" from 3.6.1 on, SERVER_NAME before.
 * Simplified: the processes exist, hold their sockets and restart like the real ones, but run no tasks (a connection
 * is closed at once): the sample app delivers no tasks.
 */
final class TaskManager
{
    private static ?self $instance = null;

    public static function getInstance(): self
    {
        return self::$instance ??= new self();
    }

    public function attachToServer(Server $server, int $workerNum, string $tempDir, string $serverName): void
    {
        for ($i = 0; $i < $workerNum; $i++) {
            $server->addProcess(UnixSocketProcess::create("{$serverName}.TaskWorker.{$i}",
                "{$tempDir}/{$serverName}.TaskWorker.{$i}.sock", static function (): void {
                }));
        }
    }
}
