<?php
// Configuration for `-mode=dev`, shaped like EasySwoole 3.x's dev.php.
// Standby rewrites only the 'PORT' entry of MAIN_SERVER: keep it on its own line.
return [
    'SERVER_NAME' => 'StandbySample',
    'MAIN_SERVER' => [
        'LISTEN_ADDRESS' => '127.0.0.1',
        'PORT' => 9501,
        'SERVER_TYPE' => EASYSWOOLE_WEB_SERVER,
        'SOCK_TYPE' => SWOOLE_TCP,
        'RUN_MODEL' => SWOOLE_PROCESS,
        'SETTING' => [
            'worker_num' => 2,
            'reload_async' => true,
            'max_wait_time' => 3,
        ],
    ],
    'TEMP_DIR' => null,
    'LOG_DIR' => null,
];
