<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

use EasySwoole\Standin\Http\Request;
use EasySwoole\Standin\Http\Response;

/*
 * Stand-in for a Swoole event worker of an HTTP server (swoole-src src/server/worker.cc): runs onWorkerStart (an
 * exception there is a PHP fatal error: the worker exits 255 and its manager restarts it), then calls onRequest for
 * each HTTP/1.x request; on SIGTERM it stops accepting, lets the request in progress finish, closes its connections
 * and exits 0 (Server::stop_async_worker with reload_async).
 * Simplified: the worker itself accepts on the listening socket it shares with the other workers (SWOOLE_BASE style:
 * socket_select over that socket and its own connections; a worker that loses the race for a connection gets EAGAIN),
 * instead of receiving requests from the master's reactor threads. One request at a time per worker, many connections
 * per worker; keep-alive by default for HTTP/1.1, `Connection: close` honoured, HTTP/1.0 keep-alive only on request;
 * bodies by Content-Length only (chunked request bodies get 411), at most 2 MB (package_max_length), headers at most
 * 64 KB; "Expect: 100-continue" answered. Requests already received but not started when SIGTERM comes are dropped with
 * their connection, as Swoole drops what it has not yet handed to the stopping worker. The worker stops on its own
 * when its manager is gone (checked at least every 200 ms).
 */
final class Worker
{
    private const MAX_CONNECTIONS = 900; // socket_select is limited to FD_SETSIZE (1024) descriptors
    private const MAX_HEADER = 65536;
    private const MAX_BODY = 2 * 1024 * 1024;

    /** @var array<int, array{socket: \Socket, in: string, continued: bool, host: string, port: int}> */
    private array $connections = [];
    private bool $stopping = false;

    public function __construct(private readonly Server $server, private readonly int $id,
                                private readonly int $managerPid)
    {
    }

    public function run(): never
    {
        $server = $this->server;
        $server->worker_id = $this->id;
        $server->worker_pid = getmypid();
        SwooleLog::$symbol = SwooleLog::WORKER;
        SwooleLog::$workerId = $this->id;
        pcntl_signal(SIGTERM, function (): void {
            $this->stopping = true;
        });
        foreach ([SIGUSR1, SIGUSR2] as $reopenLog) {
            pcntl_signal($reopenLog, static function (): void {
            });
        }

        $server->fire('workerStart', $server, $this->id);
        if (!$this->stopping) {
            $this->serve();
        }
        $server->fire('workerStop', $server, $this->id);
        exit(0);
    }

    private function serve(): void
    {
        $listen = $this->server->listenSocket();
        $acceptAfter = 0.0;
        while (!$this->stopping && posix_getppid() === $this->managerPid) {
            $read = array_column($this->connections, 'socket');
            if (count($this->connections) < self::MAX_CONNECTIONS && microtime(true) >= $acceptAfter) {
                $read[] = $listen;
            }
            if ($read === []) {
                usleep(20_000);
                continue;
            }
            $write = $except = null;
            $waiting = $this->anyCompleteRequest() ? 0 : 200_000;
            if (@socket_select($read, $write, $except, 0, $waiting) === false) {
                socket_clear_error();
                continue; // interrupted by a signal
            }
            foreach ($read as $socket) {
                if ($socket !== $listen) {
                    $this->receive(spl_object_id($socket));
                } elseif (!$this->accept($listen)) {
                    $acceptAfter = microtime(true) + 0.05;
                }
            }
            $this->serveReadyConnections();
        }
        @socket_close($listen);
        foreach (array_keys($this->connections) as $key) {
            $this->close($key);
        }
    }

    /** Takes one pending connection; false when the socket cannot accept (yet) and polling it should pause. */
    private function accept(\Socket $listen): bool
    {
        $socket = @socket_accept($listen);
        if ($socket === false) {
            $error = socket_last_error($listen);
            socket_clear_error($listen);
            // EAGAIN: another worker won the race. Anything else (EINVAL: the master has not called listen() yet):
            // back off a little instead of spinning on a descriptor that keeps reporting ready.
            return in_array($error, [SOCKET_EAGAIN, SOCKET_EWOULDBLOCK, SOCKET_EINTR, SOCKET_ECONNABORTED], true);
        }
        socket_set_nonblock($socket);
        if (defined('TCP_NODELAY')) {
            @socket_set_option($socket, SOL_TCP, TCP_NODELAY, 1);
        }
        @socket_getpeername($socket, $host, $port);
        $this->connections[spl_object_id($socket)] = [
            'socket' => $socket, 'in' => '', 'continued' => false, 'host' => (string) $host, 'port' => (int) $port,
        ];
        return true;
    }

    private function receive(int $key): void
    {
        $socket = $this->connections[$key]['socket'];
        $read = @socket_recv($socket, $data, 65536, 0);
        if ($read === false) {
            $error = socket_last_error($socket);
            socket_clear_error($socket);
            if ($error !== SOCKET_EAGAIN && $error !== SOCKET_EINTR) {
                $this->close($key);
            }
            return;
        }
        if ($read === 0) {
            $this->close($key); // the client went away, maybe in the middle of a request
            return;
        }
        $this->connections[$key]['in'] .= $data;
    }

    /** Whether a buffered request (or garbage to refuse) waits, so that select must not sleep. */
    private function anyCompleteRequest(): bool
    {
        foreach ($this->connections as $connection) {
            $end = strpos($connection['in'], "\r\n\r\n");
            if ($end === false) {
                if (strlen($connection['in']) > self::MAX_HEADER) {
                    return true;
                }
                continue;
            }
            $head = substr($connection['in'], 0, $end);
            if (!preg_match('/\r\ncontent-length:[ \t]*(\d+)[ \t]*(\r|$)/i', $head, $length)
                || strlen($connection['in']) >= $end + 4 + (int) $length[1]) {
                return true; // complete, or something serveOne will refuse
            }
        }
        return false;
    }

    /** At most one request per connection per round, so that no connection starves the others. */
    private function serveReadyConnections(): void
    {
        foreach (array_keys($this->connections) as $key) {
            if ($this->stopping) {
                return;
            }
            if (isset($this->connections[$key])) {
                $this->serveOne($key);
            }
        }
    }

    private function serveOne(int $key): void
    {
        $buffer = ltrim($this->connections[$key]['in'], "\r\n");
        $end = strpos($buffer, "\r\n\r\n");
        if ($end === false) {
            if (strlen($buffer) > self::MAX_HEADER) {
                $this->refuse($key, 400);
            }
            return;
        }
        $lines = explode("\r\n", substr($buffer, 0, $end));
        if (!preg_match('#^([A-Za-z]+) (\S+) HTTP/(1\.[01])$#', array_shift($lines), $line)) {
            $this->refuse($key, 400);
            return;
        }
        [, $method, $target, $version] = $line;
        $headers = [];
        foreach ($lines as $header) {
            $colon = strpos($header, ':');
            if ($colon === false) {
                $this->refuse($key, 400);
                return;
            }
            $headers[strtolower(trim(substr($header, 0, $colon)))] = trim(substr($header, $colon + 1));
        }
        if (isset($headers['transfer-encoding'])) {
            $this->refuse($key, 411);
            return;
        }
        $length = $headers['content-length'] ?? '0';
        if (!ctype_digit($length)) {
            $this->refuse($key, 400);
            return;
        }
        if ((int) $length > self::MAX_BODY) {
            $this->refuse($key, 413);
            return;
        }
        $total = $end + 4 + (int) $length;
        if (strlen($buffer) < $total) {
            if (!$this->connections[$key]['continued'] && strtolower($headers['expect'] ?? '') === '100-continue') {
                $this->connections[$key]['continued'] = true;
                $this->send($key, "HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        }
        $body = substr($buffer, $end + 4, (int) $length);
        $this->connections[$key]['in'] = substr($buffer, $total);
        $this->connections[$key]['continued'] = false;
        $connectionHeader = strtolower($headers['connection'] ?? '');
        $keepAlive = $version === '1.1' ? $connectionHeader !== 'close' : $connectionHeader === 'keep-alive';

        $request = $this->request($key, strtoupper($method), $target, $version, $headers, $body);
        $sent = true;
        $response = new Response(
            function (string $bytes) use ($key, &$sent): bool {
                return $sent = $this->send($key, $bytes);
            },
            fn(): bool => !$keepAlive || $this->stopping,
            strtoupper($method) === 'HEAD',
        );
        $this->server->fire('request', $request, $response);
        if ($response->isWritable()) {
            $response->end(); // as Swoole does when the callback returns without ending the response
        }
        if (!$sent || !$keepAlive || $this->stopping) {
            $this->close($key);
        }
    }

    private function request(int $key, string $method, string $target, string $version, array $headers,
                             string $body): Request
    {
        $path = (string) parse_url($target, PHP_URL_PATH);
        $query = (string) parse_url($target, PHP_URL_QUERY);
        $now = microtime(true);
        $request = new Request($body);
        $request->fd = $key;
        $request->header = $headers;
        $request->server = [
            'request_method' => $method,
            'request_uri' => $path === '' ? '/' : $path,
            'path_info' => $path === '' ? '/' : $path,
            'request_time' => (int) $now,
            'request_time_float' => $now,
            'server_protocol' => "HTTP/$version",
            'server_port' => $this->server->port,
            'remote_port' => $this->connections[$key]['port'],
            'remote_addr' => $this->connections[$key]['host'],
            'master_time' => (int) $now,
        ];
        if ($query !== '') {
            $request->server['query_string'] = $query;
            parse_str($query, $request->get);
        }
        if (str_starts_with(strtolower($headers['content-type'] ?? ''), 'application/x-www-form-urlencoded')) {
            parse_str($body, $request->post);
        }
        foreach (explode(';', $headers['cookie'] ?? '') as $cookie) {
            if (str_contains($cookie, '=')) {
                [$name, $value] = explode('=', $cookie, 2);
                $request->cookie[trim($name)] = urldecode(trim($value));
            }
        }
        return $request;
    }

    private function refuse(int $key, int $status): void
    {
        $response = new Response(fn(string $bytes): bool => $this->send($key, $bytes), fn(): bool => true);
        $response->status($status);
        $response->end('');
        $this->close($key);
    }

    /** Writes everything, waiting while the socket is full; false when the client is gone or too slow (30 s). */
    private function send(int $key, string $bytes): bool
    {
        $socket = $this->connections[$key]['socket'] ?? null;
        if ($socket === null) {
            return false;
        }
        $deadline = microtime(true) + 30;
        while ($bytes !== '') {
            $written = @socket_write($socket, $bytes);
            if ($written === false) {
                $error = socket_last_error($socket);
                socket_clear_error($socket);
                if (($error !== SOCKET_EAGAIN && $error !== SOCKET_EINTR) || microtime(true) > $deadline) {
                    return false;
                }
                $read = $except = null;
                $write = [$socket];
                @socket_select($read, $write, $except, 0, 100_000);
                continue;
            }
            $bytes = (string) substr($bytes, $written);
        }
        return true;
    }

    private function close(int $key): void
    {
        if (isset($this->connections[$key])) {
            @socket_close($this->connections[$key]['socket']);
            unset($this->connections[$key]);
        }
    }
}
