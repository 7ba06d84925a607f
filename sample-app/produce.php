<?php
// Configuration for `-mode=produce`, shaped like EasySwoole's template (src/Resource/Config._php).
// Standby rewrites only the 'PORT' entry of MAIN_SERVER: keep it on its own line, exactly once.
return [
    'SERVER_NAME' => 'EasySwoole',
    'MAIN_SERVER' => [
        'LISTEN_ADDRESS' => '127.0.0.1',
        'PORT' => 9501,
        'SERVER_TYPE' => EASYSWOOLE_WEB_SERVER,
        'SOCK_TYPE' => SWOOLE_TCP,
        'RUN_MODEL' => SWOOLE_PROCESS,
        'SETTING' => [
            'worker_num' => 4,
            'reload_async' => true,
            'max_wait_time' => 3,
        ],
    ],
    'LOG' => [
        'dir' => null,
        'level' => 0, // EasySwoole\Log\LoggerInterface::LOG_LEVEL_DEBUG
        'handler' => null,
        'logConsole' => true,
        'displayConsole' => true,
        'ignoreCategory' => [],
    ],
    'TEMP_DIR' => null,
];
