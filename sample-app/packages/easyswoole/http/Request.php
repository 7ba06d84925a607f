<?php
declare(strict_types=1);

namespace EasySwoole\Http;

use EasySwoole\Standin\Http\Request as SwooleRequest;

/*
 * Stand-in for EasySwoole\Http\Request (easyswoole/http): a PSR-7-like view of the Swoole request.
 * Simplified: getters only (method, uri, headers, query/body parameters, server params, raw body); not immutable
 * PSR-7 messages, no uploaded files or attributes beyond a plain array.
 */
class Request
{
    public function __construct(private readonly SwooleRequest $request)
    {
    }

    public function getSwooleRequest(): SwooleRequest
    {
        return $this->request;
    }

    public function getMethod(): string
    {
        return $this->request->getMethod();
    }

    public function getUri(): Uri
    {
        return new Uri((string) ($this->request->server['path_info'] ?? '/'),
            (string) ($this->request->server['query_string'] ?? ''));
    }

    public function getHeaderLine(string $name): string
    {
        return (string) ($this->request->header[strtolower($name)] ?? '');
    }

    public function getHeaders(): array
    {
        return $this->request->header;
    }

    public function getServerParams(): array
    {
        return $this->request->server;
    }

    public function getQueryParams(): array
    {
        return $this->request->get;
    }

    public function getQueryParam(string $name): mixed
    {
        return $this->request->get[$name] ?? null;
    }

    public function getParsedBody(?string $name = null): mixed
    {
        return $name === null ? $this->request->post : ($this->request->post[$name] ?? null);
    }

    /** Query and body parameters together, body winning; one name, several, or all. */
    public function getRequestParam(string ...$names): mixed
    {
        $all = $this->request->post + $this->request->get;
        if ($names === []) {
            return $all;
        }
        if (count($names) === 1) {
            return $all[$names[0]] ?? null;
        }
        return array_intersect_key($all, array_flip($names));
    }

    public function getCookieParams(?string $name = null): mixed
    {
        return $name === null ? $this->request->cookie : ($this->request->cookie[$name] ?? null);
    }

    public function getBody(): string
    {
        return $this->request->rawContent();
    }
}
