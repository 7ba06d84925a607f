<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole;

use EasySwoole\EasySwoole\Bridge\Bridge;
use EasySwoole\EasySwoole\Command\Color;
use EasySwoole\EasySwoole\Command\CommandManager;
use EasySwoole\EasySwoole\Http\Dispatcher;
use EasySwoole\EasySwoole\Swoole\EventRegister;
use EasySwoole\EasySwoole\Task\TaskManager;
use EasySwoole\Standin\Http\Request as SwooleRequest;
use EasySwoole\Standin\Http\Response as SwooleResponse;
use EasySwoole\Standin\Server;

/*
 * Stand-in for EasySwoole\EasySwoole\Core (src/Core.php, 3.5.1 to 3.6.3), in the same order:
 *  - the constructor defines EASYSWOOLE_ROOT (if the entry script did not) and EASYSWOOLE_SERVER/WEB_SERVER/
 *    WEB_SOCKET_SERVER, and requires <root>/EasySwooleEvent.php or dies "EasySwooleEvent.php file miss ...";
 *  - initialize(): loadEnv (mode from -mode=, default dev; a missing <root>/{mode}.php dies with
 *    "can not load config file {mode}.php", exit 0), sysDirectoryInit (TEMP_DIR null -> <root>/Temp, LOG.dir null ->
 *    <root>/Log, both created; pid_file and log_file defaults by version, see SysConst; a pid_file/log_file in
 *    SETTING wins), EasySwooleEvent::initialize(), then error reporting;
 *  - createServer(): creates the server from MAIN_SERVER (binds the port), runs EasySwooleEvent::mainServerCreate,
 *    registers the default callbacks (HTTP dispatch to App\HttpController, worker and manager titles) unless it
 *    returned false, then attaches the TaskWorker and Bridge processes;
 *  - start(): renames the process to SERVER_NAME, then starts the server.
 * Simplified: no Di container, Trigger, Logger, Crontab or process table; PHP errors are shown as PHP shows them.
 */
class Core
{
    private static ?self $instance = null;
    protected string $runMode = 'dev';

    public static function getInstance(): static
    {
        return self::$instance ??= new static();
    }

    public function __construct()
    {
        defined('EASYSWOOLE_ROOT') || define('EASYSWOOLE_ROOT', realpath(getcwd()));
        defined('EASYSWOOLE_SERVER') || define('EASYSWOOLE_SERVER', 1);
        defined('EASYSWOOLE_WEB_SERVER') || define('EASYSWOOLE_WEB_SERVER', 2);
        defined('EASYSWOOLE_WEB_SOCKET_SERVER') || define('EASYSWOOLE_WEB_SOCKET_SERVER', 3);
        $eventFile = EASYSWOOLE_ROOT . '/EasySwooleEvent.php';
        if (!file_exists($eventFile)) {
            die(Color::red("EasySwooleEvent.php file miss ,check again or run php easyswoole.php install again \n"));
        }
        require_once $eventFile;
    }

    public function runMode(?string $mode = null): string
    {
        if (!empty($mode)) {
            $this->runMode = $mode;
        }
        return $this->runMode;
    }

    public function initialize(): static
    {
        $this->loadEnv();
        $this->sysDirectoryInit();
        EasySwooleEvent::initialize();
        $this->registerErrorHandler();
        return $this;
    }

    public function createServer(): static
    {
        $conf = Config::getInstance()->getConf('MAIN_SERVER');
        ServerManager::getInstance()->createSwooleServer(
            $conf['PORT'], $conf['SERVER_TYPE'], $conf['LISTEN_ADDRESS'], $conf['SETTING'] ?? [],
            $conf['RUN_MODEL'] ?? SWOOLE_PROCESS, $conf['SOCK_TYPE'] ?? SWOOLE_TCP
        );
        $ret = EasySwooleEvent::mainServerCreate(ServerManager::getInstance()->getEventRegister());
        if ($ret !== false) {
            $this->registerDefaultCallBack(ServerManager::getInstance()->getSwooleServer(), (int) $conf['SERVER_TYPE']);
        }
        $this->extraHandler();
        return $this;
    }

    public function start(): void
    {
        $this->setProcessName((string) Config::getInstance()->getConf('SERVER_NAME'));
        ServerManager::getInstance()->start();
    }

    public function loadEnv(): void
    {
        $mode = CommandManager::getInstance()->getOpt('mode');
        if (!empty($mode)) {
            $this->runMode($mode);
        }
        $file = EASYSWOOLE_ROOT . "/{$this->runMode}.php";
        if (!file_exists($file)) {
            die(Color::error("can not load config file {$this->runMode}.php") . "\n");
        }
        Config::getInstance()->loadFile($file);
    }

    private function sysDirectoryInit(): void
    {
        $config = Config::getInstance();
        $tempDir = $config->getConf('TEMP_DIR');
        if (empty($tempDir)) {
            $tempDir = EASYSWOOLE_ROOT . '/Temp';
            $config->setConf('TEMP_DIR', $tempDir);
        } else {
            $tempDir = rtrim($tempDir, '/');
        }
        if (!is_dir($tempDir)) {
            mkdir($tempDir, 0755, true);
        }
        defined('EASYSWOOLE_TEMP_DIR') || define('EASYSWOOLE_TEMP_DIR', $tempDir);

        $logDir = $config->getConf('LOG.dir');
        if (empty($logDir)) {
            $logDir = EASYSWOOLE_ROOT . '/Log';
            $config->setConf('LOG.dir', $logDir);
        } else {
            $logDir = rtrim($logDir, '/');
        }
        if (!is_dir($logDir)) {
            mkdir($logDir, 0755, true);
        }
        defined('EASYSWOOLE_LOG_DIR') || define('EASYSWOOLE_LOG_DIR', $logDir);

        $mode = $this->runMode();
        $modern = SysConst::atLeast('3.6.1');
        if (!$config->getConf('MAIN_SERVER.SETTING.pid_file')) {
            $config->setConf('MAIN_SERVER.SETTING.pid_file', $tempDir . ($modern ? "/{$mode}.pid" : '/pid.pid'));
        }
        if (!$config->getConf('MAIN_SERVER.SETTING.log_file')) {
            $config->setConf('MAIN_SERVER.SETTING.log_file',
                $logDir . ($modern ? "/{$mode}.swoole.log" : '/swoole.log'));
        }
    }

    private function registerErrorHandler(): void
    {
        ini_set('display_errors', 'On');
        error_reporting(E_ALL);
    }

    private function registerDefaultCallBack(Server $server, int $serverType): void
    {
        if (in_array($serverType, [EASYSWOOLE_WEB_SERVER, EASYSWOOLE_WEB_SOCKET_SERVER], true)) {
            $dispatcher = new Dispatcher(SysConst::HTTP_CONTROLLER_NAMESPACE);
            $server->on(EventRegister::onRequest,
                static function (SwooleRequest $request, SwooleResponse $response) use ($dispatcher): void {
                    $dispatcher->dispatch($request, $response);
                });
        }

        $register = ServerManager::getInstance()->getEventRegister();
        $register->add(EventRegister::onWorkerStart, function (Server $server, int $workerId): void {
            $serverName = Config::getInstance()->getConf('SERVER_NAME');
            $type = ($workerId >= 0 && $workerId < (int) Config::getInstance()->getConf('MAIN_SERVER.SETTING.worker_num'))
                ? 'Worker' : 'Unknown';
            $this->setProcessName(SysConst::atLeast('3.6.3')
                ? "{$serverName}.{$this->runMode}.{$type}.{$workerId}"
                : "{$serverName}.{$type}.{$workerId}");
        });
        $register->add(EventRegister::onManagerStart, function (Server $server): void {
            $this->setProcessName(Config::getInstance()->getConf('SERVER_NAME') . '.Manager');
        });
    }

    private function extraHandler(): void
    {
        $serverName = SysConst::scopedServerName((string) Config::getInstance()->getConf('SERVER_NAME'), $this->runMode());
        $server = ServerManager::getInstance()->getSwooleServer();
        $task = Config::getInstance()->getConf('MAIN_SERVER.TASK');
        TaskManager::getInstance()->attachToServer($server, (int) ($task['workerNum'] ?? 3), EASYSWOOLE_TEMP_DIR,
            $serverName);
        Bridge::getInstance()->attachServer($server, $serverName);
    }

    public function setProcessName(string $processName = ''): void
    {
        if ($processName !== '' && function_exists('cli_set_process_title') && PHP_OS_FAMILY === 'Linux') {
            @cli_set_process_title($processName);
        }
    }
}
