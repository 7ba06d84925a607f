<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole;

use Composer\InstalledVersions;

/*
 * Stand-in for EasySwoole\EasySwoole\SysConst (src/SysConst.php). The real class carries the framework's version as a
 * constant (EASYSWOOLE_VERSION = '3.6.3'); this stand-in plays several versions, so the version is whatever composer
 * installed as easyswoole/easyswoole (vendor/composer/installed.php, i.e. composer.lock), and the names that changed
 * between versions are decided here:
 *  - 3.6.1 and later (commit aa1aa0b, "socket文件跟随运行模式"): pid file TEMP_DIR/{mode}.pid, Swoole log
 *    LOG.dir/{mode}.swoole.log, bridge socket TEMP_DIR/{SERVER_NAME}.{mode}.bridge.sock, Bridge/TaskWorker processes
 *    and sockets named after "{SERVER_NAME}.{mode}";
 *  - older (3.5.x): TEMP_DIR/pid.pid, LOG.dir/swoole.log, TEMP_DIR/bridge.sock, names after "{SERVER_NAME}";
 *  - worker titles carry the mode from 3.6.3 on ("{SERVER_NAME}.{mode}.Worker.{id}"), not before
 *    ("{SERVER_NAME}.Worker.{id}").
 */
final class SysConst
{
    public const HTTP_CONTROLLER_NAMESPACE = 'App\\HttpController\\';

    public static function version(): string
    {
        $version = class_exists(InstalledVersions::class)
            ? InstalledVersions::getPrettyVersion('easyswoole/easyswoole')
            : null;
        return ltrim((string) ($version ?? '3.6.3'), 'v');
    }

    public static function atLeast(string $version): bool
    {
        return version_compare(self::version(), $version, '>=');
    }

    /** What 3.6.1+ appends the run mode to: the server name used for sockets and extra processes. */
    public static function scopedServerName(string $serverName, string $mode): string
    {
        return self::atLeast('3.6.1') ? "$serverName.$mode" : $serverName;
    }
}
