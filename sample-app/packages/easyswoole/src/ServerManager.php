<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole;

use EasySwoole\EasySwoole\Swoole\EventRegister;
use EasySwoole\Standin\Server;

/*
 * Stand-in for EasySwoole\EasySwoole\ServerManager (src/ServerManager.php): creates the main server from MAIN_SERVER
 * (the port is bound right there) with its SETTING, keeps the main EventRegister, and at start() registers each event's
 * callback list on the server, then starts it.
 * Simplified: every server type becomes the stand-in HTTP server (EASYSWOOLE_SERVER and WEB_SOCKET_SERVER projects
 * are not imitated); no addServer() sub-ports.
 */
class ServerManager
{
    private static ?self $instance = null;
    private ?Server $swooleServer = null;
    private EventRegister $mainServerEventRegister;
    private bool $isStart = false;

    public static function getInstance(): static
    {
        return self::$instance ??= new static();
    }

    public function __construct()
    {
        $this->mainServerEventRegister = new EventRegister();
    }

    public function getSwooleServer(): ?Server
    {
        return $this->swooleServer;
    }

    public function createSwooleServer($port, $type, $address = '0.0.0.0', array $setting = [], ...$args): bool
    {
        $this->swooleServer = new Server((string) $address, (int) $port, ...$args);
        $this->swooleServer->set($setting);
        return true;
    }

    public function getEventRegister(): EventRegister
    {
        return $this->mainServerEventRegister;
    }

    public function start(): void
    {
        foreach ($this->getEventRegister()->all() as $event => $callbacks) {
            $this->swooleServer->on($event, static function (...$args) use ($callbacks): void {
                foreach ($callbacks as $callback) {
                    $callback(...$args);
                }
            });
        }
        $this->isStart = true;
        $this->swooleServer->start();
    }

    public function isStart(): bool
    {
        return $this->isStart;
    }
}
