<?php
// Standby's probe: prints, one "key<TAB>value" line each, what an EasySwoole release's mode file says about where
// the framework keeps its runtime files, evaluated by PHP itself so that constants and expressions such as
// EASYSWOOLE_ROOT . '/Temp' count. Standby applies the framework's rules (Core::sysDirectoryInit) to them.
// Usage: php layout.php RELEASE_ROOT MODE
error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING);
[, $root, $mode] = $argv;
chdir($root);
defined('EASYSWOOLE_ROOT') or define('EASYSWOOLE_ROOT', $root);
if (is_file("$root/vendor/autoload.php")) {
    require "$root/vendor/autoload.php";
}
// Defined by the Swoole extension and by EasySwoole's Core on a real server; a mode file may use them.
foreach (['EASYSWOOLE_SERVER' => 1, 'EASYSWOOLE_WEB_SERVER' => 2, 'EASYSWOOLE_WEB_SOCKET_SERVER' => 3,
             'SWOOLE_BASE' => 1, 'SWOOLE_PROCESS' => 2, 'SWOOLE_TCP' => 1, 'SWOOLE_TCP6' => 3,
             'SWOOLE_SOCK_TCP' => 1, 'SWOOLE_SOCK_TCP6' => 3, 'SWOOLE_SSL' => 512] as $name => $value) {
    defined($name) or define($name, $value);
}
$config = require "$root/$mode.php";
if (!is_array($config)) {
    fwrite(STDERR, "$mode.php does not return an array\n");
    exit(3);
}
$version = '';
$lock = is_file("$root/composer.lock") ? json_decode((string) file_get_contents("$root/composer.lock"), true) : null;
foreach ((is_array($lock) ? $lock['packages'] ?? [] : []) as $package) {
    if (($package['name'] ?? '') === 'easyswoole/easyswoole') {
        $version = (string) ($package['version'] ?? '');
    }
}
$setting = $config['MAIN_SERVER']['SETTING'] ?? [];
$facts = [
    'version' => $version,
    'server_name' => $config['SERVER_NAME'] ?? 'EasySwoole',
    'temp_dir' => $config['TEMP_DIR'] ?? '',
    'log_dir' => $config['LOG']['dir'] ?? $config['LOG_DIR'] ?? '',
    'pid_file' => $setting['pid_file'] ?? '',
    'log_file' => $setting['log_file'] ?? '',
    'listen_address' => $config['MAIN_SERVER']['LISTEN_ADDRESS'] ?? '',
    'port' => $config['MAIN_SERVER']['PORT'] ?? '',
];
foreach ($facts as $key => $value) {
    $text = is_scalar($value) ? (string) $value : '';
    echo $key, "\t", str_replace(["\n", "\r", "\t"], ' ', $text), "\n";
}
