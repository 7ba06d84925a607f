<?php
declare(strict_types=1);

namespace EasySwoole\Standin\Http;

/*
 * Stand-in for Swoole\Http\Response: status(), header(), end(). The answer always carries Content-Length, as Swoole's
 * does for end($body), and Swoole's default headers: "Server: swoole-http-server", "Connection: keep-alive|close",
 * "Content-Type: text/html" unless set, and "Date".
 * Simplified: no write()/chunked output, cookies, sendfile, gzip (Swoole compresses when the client accepts gzip) or
 * trailers; once the worker is stopping, the answer says "Connection: close" and the connection is closed after it.
 */
final class Response
{
    private const REASONS = [
        100 => 'Continue', 200 => 'OK', 201 => 'Created', 204 => 'No Content', 301 => 'Moved Permanently',
        302 => 'Found', 304 => 'Not Modified', 400 => 'Bad Request', 401 => 'Unauthorized', 403 => 'Forbidden',
        404 => 'Not Found', 405 => 'Method Not Allowed', 408 => 'Request Timeout', 411 => 'Length Required',
        413 => 'Request Entity Too Large', 500 => 'Internal Server Error', 502 => 'Bad Gateway',
        503 => 'Service Unavailable', 504 => 'Gateway Timeout',
    ];

    private int $status = 200;
    private string $reason = '';
    /** @var array<string, array{string, string}> lower-case name => [name, value] */
    private array $headers = [];
    private bool $finished = false;

    /**
     * @param \Closure(string): bool $send writes the bytes to the connection
     * @param \Closure(): bool $closing whether this connection ends after the answer
     */
    public function __construct(private readonly \Closure $send, private readonly \Closure $closing,
                                private readonly bool $head = false)
    {
    }

    public function status(int $code, string $reason = ''): bool
    {
        $this->status = $code;
        $this->reason = $reason;
        return true;
    }

    public function setStatusCode(int $code, string $reason = ''): bool
    {
        return $this->status($code, $reason);
    }

    public function header(string $name, string $value, bool $format = true): bool
    {
        $this->headers[strtolower($name)] = [$name, $value];
        return true;
    }

    public function setHeader(string $name, string $value, bool $format = true): bool
    {
        return $this->header($name, $value, $format);
    }

    public function isWritable(): bool
    {
        return !$this->finished;
    }

    public function end(?string $content = null): bool
    {
        if ($this->finished) {
            return false;
        }
        $this->finished = true;
        $content ??= '';
        $reason = $this->reason !== '' ? $this->reason : (self::REASONS[$this->status] ?? 'Unknown');
        $headers = $this->headers + [
            'server' => ['Server', 'swoole-http-server'],
            'content-type' => ['Content-Type', 'text/html'],
            'date' => ['Date', gmdate('D, d M Y H:i:s') . ' GMT'],
        ];
        $headers['connection'] = ['Connection', ($this->closing)() ? 'close' : 'keep-alive'];
        $headers['content-length'] = ['Content-Length', (string) strlen($content)];
        $head = "HTTP/1.1 {$this->status} $reason\r\n";
        foreach ($headers as [$name, $value]) {
            $head .= "$name: $value\r\n";
        }
        return ($this->send)($head . "\r\n" . ($this->head ? '' : $content));
    }
}
