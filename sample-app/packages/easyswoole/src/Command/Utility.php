<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Command;

use EasySwoole\EasySwoole\Config;
use EasySwoole\EasySwoole\Core;
use EasySwoole\EasySwoole\SysConst;

/*
 * Stand-in for EasySwoole\EasySwoole\Command\Utility (src/Command/Utility.php): the banner and the "name  value" lines
 * `server start` and `server status` print (name padded to 30 columns, green, value blue; true/false/null spelled out,
 * arrays as JSON), from createServerDisplayItem: main server, listen address, listen port, every MAIN_SERVER.SETTING
 * entry, swoole version, php version, easyswoole version, run mode, temp dir, log dir.
 * Simplified: a plain text banner instead of the framework's ASCII-art logo; "swoole version" says stand-in.
 */
final class Utility
{
    public static function easySwooleLog(): string
    {
        return "EasySwoole " . SysConst::version() . " (stand-in: PHP " . PHP_VERSION . ", no Swoole)\n";
    }

    public static function displayItem(string $name, mixed $value): string
    {
        $value = match (true) {
            $value === true => 'true',
            $value === false => 'false',
            $value === null => 'null',
            is_array($value) => json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
            default => (string) $value,
        };
        return "\e[32m" . str_pad($name, 30, ' ', STR_PAD_RIGHT) . "\e[34m" . $value . "\e[0m";
    }

    public static function createServerDisplayItem(Config $conf): array
    {
        $items = [
            'main server' => match ($conf->getConf('MAIN_SERVER.SERVER_TYPE')) {
                EASYSWOOLE_SERVER => 'SWOOLE_SERVER',
                EASYSWOOLE_WEB_SERVER => 'SWOOLE_WEB',
                EASYSWOOLE_WEB_SOCKET_SERVER => 'SWOOLE_WEB_SOCKET',
                default => 'UNKNOWN',
            },
            'listen address' => $conf->getConf('MAIN_SERVER.LISTEN_ADDRESS'),
            'listen port' => $conf->getConf('MAIN_SERVER.PORT'),
        ];
        $items += (array) $conf->getConf('MAIN_SERVER.SETTING');
        $items['swoole version'] = 'none (stand-in server)';
        $items['php version'] = PHP_VERSION;
        $items['easyswoole version'] = SysConst::version();
        $items['run mode'] = Core::getInstance()->runMode();
        $items['temp dir'] = EASYSWOOLE_TEMP_DIR;
        $items['log dir'] = EASYSWOOLE_LOG_DIR;
        return $items;
    }

    public static function render(array $items): string
    {
        $message = Color::green(self::easySwooleLog()) . "\n";
        foreach ($items as $name => $value) {
            $message .= self::displayItem((string) $name, $value) . "\n";
        }
        return $message;
    }
}
