<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Bridge;

use EasySwoole\EasySwoole\Command\Utility;
use EasySwoole\EasySwoole\Config;
use EasySwoole\EasySwoole\Core;
use EasySwoole\EasySwoole\Process\UnixSocketProcess;
use EasySwoole\EasySwoole\SysConst;
use EasySwoole\Standin\Server;

/*
 * Stand-in for EasySwoole\EasySwoole\Bridge\Bridge (src/Bridge/Bridge.php) on top of easyswoole/bridge: a user process
 * named "{serverName}.Bridge" (serverName is "{SERVER_NAME}.{mode}" from 3.6.1 on, SERVER_NAME before) listening on
 * the unix socket TEMP_DIR/{SERVER_NAME}.{mode}.bridge.sock (3.6.1+) or TEMP_DIR/bridge.sock (3.5.x), through which
 * the CLI's `server status` asks the running server for its display items and stats; "connect to server fail" when
 * nobody answers (3 s).
 * Simplified: one command (status) and a line/JSON protocol instead of easyswoole/bridge's serialized Package.
 */
final class Bridge
{
    private static ?self $instance = null;
    private string $socketFile;

    public static function getInstance(): self
    {
        return self::$instance ??= new self();
    }

    public function __construct()
    {
        $serverName = SysConst::scopedServerName((string) Config::getInstance()->getConf('SERVER_NAME'),
            Core::getInstance()->runMode());
        $this->socketFile = EASYSWOOLE_TEMP_DIR . (SysConst::atLeast('3.6.1') ? "/{$serverName}.bridge.sock" : '/bridge.sock');
    }

    public function getSocketFile(): string
    {
        return $this->socketFile;
    }

    public function attachServer(Server $server, string $serverName): void
    {
        $server->addProcess(UnixSocketProcess::create("{$serverName}.Bridge", $this->socketFile,
            static function (\Socket $client, Server $server): void {
                socket_set_option($client, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 3, 'usec' => 0]);
                $command = trim((string) @socket_read($client, 1024, PHP_NORMAL_READ));
                $reply = $command === 'status'
                    ? Utility::createServerDisplayItem(Config::getInstance()) + $server->stats()
                    : ['error' => "unknown command $command"];
                @socket_write($client, json_encode($reply, JSON_UNESCAPED_SLASHES) . "\n");
            }));
    }

    /** @return array<string, mixed>|null null when nobody answers */
    public function call(string $command, float $timeout = 3.0): ?array
    {
        $client = @stream_socket_client('unix://' . $this->socketFile, $errno, $error, $timeout);
        if ($client === false) {
            return null;
        }
        stream_set_timeout($client, (int) ceil($timeout));
        fwrite($client, "$command\n");
        $reply = json_decode((string) stream_get_contents($client), true);
        fclose($client);
        return is_array($reply) ? $reply : null;
    }
}
