<?php
/*
 * The project's event class, as `easyswoole install` creates it (src/Resource/EasySwooleEvent._php): Core requires
 * this file from the project root and calls initialize() (for every `server` action, after the mode file is loaded
 * and before the server exists) and mainServerCreate() (for start, after the port is bound, before the server starts).
 * The sample app adds Standby's test levers here, each switched on by a file at the project root (see README.md).
 */

namespace EasySwoole\EasySwoole;

use EasySwoole\EasySwoole\AbstractInterface\Event;
use EasySwoole\EasySwoole\Swoole\EventRegister;

class EasySwooleEvent implements Event
{
    public static function initialize()
    {
        date_default_timezone_set('Asia/Shanghai');

        // SLOW_BOOT containing N: a slow initialize, before the port is bound (and before stop/status do anything).
        if (($seconds = self::lever('SLOW_BOOT')) !== null) {
            sleep((int) $seconds);
        }
        // WRONG_PORT: the application moves its own port, as a real one could through the Config API.
        if (self::lever('WRONG_PORT') !== null) {
            $config = Config::getInstance();
            $config->setConf('MAIN_SERVER.PORT', (int) $config->getConf('MAIN_SERVER.PORT') + 1000);
        }
    }

    public static function mainServerCreate(EventRegister $register)
    {
        // BOOT_CRASH: the port is bound already; the uncaught exception ends the CLI with exit code 255.
        if (self::lever('BOOT_CRASH') !== null) {
            throw new \RuntimeException('BOOT_CRASH is present: mainServerCreate failed');
        }
        // WORKER_CRASH: every worker dies in onWorkerStart and is restarted forever; the port stays open.
        if (self::lever('WORKER_CRASH') !== null) {
            $register->add(EventRegister::onWorkerStart, static function (): void {
                throw new \RuntimeException('WORKER_CRASH is present: onWorkerStart failed');
            });
        }
        // SLOW_WORKERS containing N: the port listens, but no worker answers for N seconds.
        if (($seconds = self::lever('SLOW_WORKERS')) !== null) {
            $register->add(EventRegister::onWorkerStart, static function () use ($seconds): void {
                $until = microtime(true) + (int) $seconds;
                while (($left = $until - microtime(true)) > 0) {
                    usleep((int) min(1_000_000, $left * 1_000_000));
                }
            });
        }
        // IGNORE_TERM: master and workers ignore SIGTERM (stand-in lever: pcntl in onStart/onWorkerStart).
        if (self::lever('IGNORE_TERM') !== null) {
            $ignore = static function (): void {
                pcntl_signal(SIGTERM, SIG_IGN);
            };
            $register->add(EventRegister::onStart, $ignore);
            $register->add(EventRegister::onWorkerStart, $ignore);
        }
    }

    /** The trimmed content of the lever file at the project root, or null when there is none. */
    private static function lever(string $name): ?string
    {
        $file = EASYSWOOLE_ROOT . '/' . $name;
        return is_file($file) ? trim((string) file_get_contents($file)) : null;
    }
}
