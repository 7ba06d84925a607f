<?php
declare(strict_types=1);

namespace EasySwoole\Http;

use EasySwoole\Standin\Http\Response as SwooleResponse;

/*
 * Stand-in for EasySwoole\Http\Response (easyswoole/http): collects status, headers and body, and __response() ends
 * the Swoole response with them once the controller is done.
 * Simplified: no cookies, redirects, streams or end-of-response state machine beyond "ended once".
 */
class Response
{
    private int $status = 200;
    private array $headers = [];
    private string $body = '';
    private bool $ended = false;

    public function __construct(private readonly SwooleResponse $response)
    {
    }

    public function getSwooleResponse(): SwooleResponse
    {
        return $this->response;
    }

    public function write(string $content): bool
    {
        if ($this->ended) {
            return false;
        }
        $this->body .= $content;
        return true;
    }

    public function withStatus(int $code, string $reasonPhrase = ''): static
    {
        $this->status = $code;
        return $this;
    }

    public function getStatusCode(): int
    {
        return $this->status;
    }

    public function withHeader(string $name, string $value): static
    {
        $this->headers[$name] = $value;
        return $this;
    }

    public function getBody(): string
    {
        return $this->body;
    }

    public function end(): bool
    {
        $this->ended = true;
        return true;
    }

    public function __response(): bool
    {
        if (!$this->response->isWritable()) {
            return false;
        }
        $this->response->status($this->status);
        foreach ($this->headers as $name => $value) {
            $this->response->header($name, $value);
        }
        return $this->response->end($this->body);
    }
}
