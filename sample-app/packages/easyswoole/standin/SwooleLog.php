<?php
declare(strict_types=1);

namespace EasySwoole\Standin;

/*
 * Stand-in for Swoole's own logger (swoole-src src/core/log.cc, Logger::put): the file named by the `log_file`
 * setting, opened in append mode when the setting is applied (Server::set) and inherited by every process, one line
 * per event: "[2024-05-01 12:00:00 $1234.0]\tWARNING\tfunction(): message". The symbol says which kind of process
 * wrote it: # master, $ manager, * worker, ^ task worker, @ user process (src/os/process_pool.cc).
 * Times are in the system's local time (TZ, else /etc/localtime), as C's localtime() gives them, not in the PHP
 * timezone the application may set.
 * Simplified: no log levels, rotation or date format settings; only the few messages this stand-in produces.
 */
final class SwooleLog
{
    public const MASTER = '#';
    public const MANAGER = '$';
    public const WORKER = '*';
    public const USER = '@';

    /** @var resource|null */
    private $handle;

    public static string $symbol = self::MASTER;
    public static int $workerId = 0;

    public function __construct(public readonly string $file)
    {
        $handle = @fopen($file, 'a');
        $this->handle = $handle === false ? null : $handle;
    }

    public function isOpened(): bool
    {
        return $this->handle !== null;
    }

    public function warning(string $function, string $message): void
    {
        $this->put('WARNING', $function, $message);
    }

    private static function systemTimeZone(): \DateTimeZone
    {
        $link = @readlink('/etc/localtime');
        foreach ([ltrim((string) getenv('TZ'), ':'), $link === false ? '' : preg_replace('#^.*zoneinfo/#', '', $link)] as $name) {
            try {
                if ($name !== '') {
                    return new \DateTimeZone($name);
                }
            } catch (\Exception) {
                // not a zone PHP knows: try the next source
            }
        }
        return new \DateTimeZone('UTC');
    }

    public function info(string $function, string $message): void
    {
        $this->put('INFO', $function, $message);
    }

    private static ?\DateTimeZone $localTime = null;

    private function put(string $level, string $function, string $message): void
    {
        $now = (new \DateTimeImmutable())->setTimezone(self::$localTime ??= self::systemTimeZone());
        $line = sprintf("[%s %s%d.%d]\t%s\t%s(): %s\n", $now->format('Y-m-d H:i:s'), self::$symbol, getmypid(),
            self::$workerId, $level, $function, $message);
        if ($this->handle !== null) {
            @fwrite($this->handle, $line);
        } else {
            // Swoole writes to stdout when no log file is open.
            echo $line;
        }
    }
}
