<?php
declare(strict_types=1);

namespace EasySwoole\Standin\Http;

/*
 * Stand-in for Swoole\Http\Request: the parsed request as public arrays, with the same key names (header names in
 * lower case; `server` holds request_method, request_uri, path_info, query_string, server_protocol, server_port,
 * remote_addr, remote_port, request_time, request_time_float, master_time).
 * Simplified: no files, no multipart/form-data or JSON parsing; `post` only for application/x-www-form-urlencoded.
 */
final class Request
{
    public int $fd = 0;
    public array $header = [];
    public array $server = [];
    public array $get = [];
    public array $post = [];
    public array $cookie = [];
    public array $files = [];

    public function __construct(private readonly string $content)
    {
    }

    public function rawContent(): string
    {
        return $this->content;
    }

    public function getContent(): string
    {
        return $this->content;
    }

    public function getMethod(): string
    {
        return $this->server['request_method'] ?? 'GET';
    }
}
