<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

/*
 * Stand-in for a Swoole\Process added with Server::addProcess (a "user worker", swoole-src src/server/manager.cc:
 * spawned by the manager right after the event workers, restarted when it exits, sent SIGTERM when the server shuts
 * down). EasySwoole attaches its Bridge and TaskWorker processes this way (easyswoole/bridge, easyswoole/task, on top
 * of easyswoole/component's AbstractUnixProcess).
 * Simplified: no pipe between the process and the server; the callback gets the Server and runs until it returns.
 */
final class Process
{
    /** @param \Closure(Server): void $body */
    public function __construct(public readonly string $name, private readonly \Closure $body)
    {
    }

    public function run(Server $server): void
    {
        ($this->body)($server);
    }
}
