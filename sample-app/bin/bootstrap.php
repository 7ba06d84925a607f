<?php
declare(strict_types=1);

// Shared by the CLI and the server's boot: the constants EasySwoole's config files use, and reading that config.

foreach (['EASYSWOOLE_SERVER' => 1, 'EASYSWOOLE_WEB_SERVER' => 2, 'EASYSWOOLE_WEB_SOCKET_SERVER' => 3,
             'SWOOLE_TCP' => 1, 'SWOOLE_PROCESS' => 2, 'SWOOLE_BASE' => 1] as $name => $value) {
    if (!defined($name)) {
        define($name, $value);
    }
}

/** @return array{mode: string, address: string, port: int, tempDir: string, pidFile: string, root: string} */
function serverConfig(string $configFile): array
{
    $root = dirname($configFile);
    $config = require $configFile;
    $main = $config['MAIN_SERVER'] ?? [];
    $tempDir = $config['TEMP_DIR'] ?? $root . '/Temp';
    if (!is_dir($tempDir)) {
        mkdir($tempDir, 0775, true);
    }
    return [
        'mode' => basename($configFile, '.php'),
        'address' => (string) ($main['LISTEN_ADDRESS'] ?? '127.0.0.1'),
        'port' => (int) ($main['PORT'] ?? 9501),
        'tempDir' => $tempDir,
        'pidFile' => $tempDir . '/pid.pid',
        'root' => $root,
    ];
}
