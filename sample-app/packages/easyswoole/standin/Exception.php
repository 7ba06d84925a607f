<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

/*
 * Stand-in for Swoole\Exception, which the extension throws when `new Swoole\Http\Server(...)` cannot bind its port
 * (ext-src/swoole_server.cc: "failed to listen server port[%s:%d], Error: %s[%d]"). Same message and code (errno);
 * only the class name differs, so a PHP fatal error reads "Uncaught EasySwoole\Standin\Exception: failed to listen ...".
 */
final class Exception extends \RuntimeException
{
}
