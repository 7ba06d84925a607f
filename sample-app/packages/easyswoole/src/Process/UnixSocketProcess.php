<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Process;

use EasySwoole\EasySwoole\Core;
use EasySwoole\Standin\Process;
use EasySwoole\Standin\Server;

/*
 * Stand-in for easyswoole/component's AbstractUnixProcess (src/Process/Socket/AbstractUnixProcess.php) as used by the
 * Bridge and TaskWorker processes: a user process (Server::addProcess) that renames itself to its name, deletes its
 * socket file if one exists (so a second instance sharing TEMP_DIR takes the file over), binds and listens on it, and
 * hands each connection to $onAccept. Nothing deletes the socket file when the process or the server stops: it stays
 * behind until the next start replaces it, as with the real component. A failure to bind is an exception: the process
 * dies and the manager restarts it.
 * Simplified: synchronous, one connection at a time, no coroutines.
 */
final class UnixSocketProcess
{
    /** @param \Closure(\Socket, Server): void $onAccept */
    public static function create(string $name, string $socketFile, \Closure $onAccept): Process
    {
        return new Process($name, static function (Server $server) use ($name, $socketFile, $onAccept): void {
            Core::getInstance()->setProcessName($name);
            if (file_exists($socketFile)) {
                unlink($socketFile);
            }
            $listen = socket_create(AF_UNIX, SOCK_STREAM, 0);
            if (!@socket_bind($listen, $socketFile) || !@socket_listen($listen, 2048)) {
                throw new \RuntimeException(static::class . " bind $socketFile fail case "
                    . socket_strerror(socket_last_error($listen)));
            }
            while (true) {
                $read = [$listen];
                $write = $except = null;
                if (!@socket_select($read, $write, $except, 1)) {
                    continue; // timeout, or interrupted by the parent check
                }
                $client = @socket_accept($listen);
                if ($client === false) {
                    continue;
                }
                try {
                    $onAccept($client, $server);
                } finally {
                    @socket_close($client);
                }
            }
        });
    }
}
