<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Swoole;

/*
 * Stand-in for EasySwoole\EasySwoole\Swoole\EventRegister (src/Swoole/EventRegister.php, an easyswoole/component
 * MultiContainer): server event names mapped to lists of callbacks. add() appends, set() replaces; ServerManager::start
 * registers each event on the server as one callback that calls the list in order. So callbacks an application adds
 * in mainServerCreate run before the framework's defaults, which Core adds afterwards.
 * Simplified: no check that the key is one of the known events.
 */
class EventRegister
{
    public const onStart = 'start';
    public const onShutdown = 'shutdown';
    public const onWorkerStart = 'workerStart';
    public const onWorkerStop = 'workerStop';
    public const onWorkerExit = 'workerExit';
    public const onTimer = 'timer';
    public const onConnect = 'connect';
    public const onReceive = 'receive';
    public const onPacket = 'packet';
    public const onClose = 'close';
    public const onBufferFull = 'bufferFull';
    public const onBufferEmpty = 'bufferEmpty';
    public const onTask = 'task';
    public const onFinish = 'finish';
    public const onPipeMessage = 'pipeMessage';
    public const onWorkerError = 'workerError';
    public const onManagerStart = 'managerStart';
    public const onManagerStop = 'managerStop';
    public const onRequest = 'request';
    public const onHandShake = 'handShake';
    public const onMessage = 'message';
    public const onOpen = 'open';

    /** @var array<string, callable[]> */
    private array $container = [];

    public function add(string $key, callable $item): static
    {
        $this->container[$key][] = $item;
        return $this;
    }

    public function set(string $key, callable $item): static
    {
        $this->container[$key] = [$item];
        return $this;
    }

    public function get(string $key): ?array
    {
        return $this->container[$key] ?? null;
    }

    public function delete(string $key): static
    {
        unset($this->container[$key]);
        return $this;
    }

    /** @return array<string, callable[]> */
    public function all(): array
    {
        return $this->container;
    }
}
