<?php
declare(strict_types=1);

/*
 * Stand-in for the constants the Swoole extension registers (ext-src/php_swoole.cc, ext-src/swoole_server.cc), which
 * a mode file (dev.php, produce.php) uses before any framework code runs. Values as in swoole-src: SWOOLE_BASE = 1,
 * SWOOLE_PROCESS = 2 (Server::Mode), SWOOLE_TCP = 1 ... (swSocketType). Defined only when absent, so that on a machine
 * with the real extension its own values win. Loaded by composer ("files"), like an extension is loaded before PHP code.
 * The EASYSWOOLE_*_SERVER constants are the framework's, defined by Core's constructor as in the real Core.php.
 */

foreach ([
    'SWOOLE_BASE' => 1,
    'SWOOLE_PROCESS' => 2,
    'SWOOLE_THREAD' => 3,
    'SWOOLE_SOCK_TCP' => 1,
    'SWOOLE_SOCK_UDP' => 2,
    'SWOOLE_SOCK_TCP6' => 3,
    'SWOOLE_SOCK_UDP6' => 4,
    'SWOOLE_SOCK_UNIX_STREAM' => 5,
    'SWOOLE_SOCK_UNIX_DGRAM' => 6,
    'SWOOLE_TCP' => 1,
    'SWOOLE_UDP' => 2,
    'SWOOLE_TCP6' => 3,
    'SWOOLE_UDP6' => 4,
    'SWOOLE_UNIX_STREAM' => 5,
    'SWOOLE_UNIX_DGRAM' => 6,
] as $name => $value) {
    defined($name) || define($name, $value);
}
