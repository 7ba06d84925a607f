<?php
declare(strict_types=1);

namespace EasySwoole\Http;

/*
 * Stand-in for the PSR-7 Uri of easyswoole/http (EasySwoole\Http\Message\Uri): path and query of the request.
 * Simplified: only the getters the sample app needs.
 */
final class Uri
{
    public function __construct(private readonly string $path, private readonly string $query)
    {
    }

    public function getPath(): string
    {
        return $this->path;
    }

    public function getQuery(): string
    {
        return $this->query;
    }

    public function __toString(): string
    {
        return $this->path . ($this->query === '' ? '' : '?' . $this->query);
    }
}
