<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Command\DefaultCommand;

use EasySwoole\EasySwoole\Bridge\Bridge;
use EasySwoole\EasySwoole\Command\Color;
use EasySwoole\EasySwoole\Command\CommandManager;
use EasySwoole\EasySwoole\Command\Utility;
use EasySwoole\EasySwoole\Config;
use EasySwoole\EasySwoole\Core;

/*
 * Stand-in for EasySwoole\EasySwoole\Command\DefaultCommand\Server (src/Command/DefaultCommand/Server.php), with its
 * messages and semantics:
 *  - every action first runs Core::initialize() (so EasySwooleEvent::initialize runs for stop and status too);
 *  - start: -d sets SETTING.daemonize, SETTING.user defaults to get_current_user(), the banner and display items are
 *    printed, then Core::createServer()->start() (with -d the CLI returns once Swoole daemonizes);
 *  - stop: reads SETTING.pid_file; none: "pid file does not exist, please check whether to run in the daemon mode!";
 *    a dead pid: "pid :N not exist " and the file is deleted; else SIGTERM (SIGKILL with -force, to the master only),
 *    then kill(pid, 0) every millisecond for up to 15 s: gone -> the pid file is deleted if still there and
 *    "server stop for pid N at Y-m-d H:i:s"; still there -> "stop server fail for pid:N , try [php easyswoole.php
 *    server stop -force] again". The exit code is 0 in every case;
 *  - reload: SIGUSR1 to the master, "send server reload command to pid:N at ...";
 *  - restart: stop, then start; status: asks the Bridge process over its unix socket.
 * Deliberate difference: a pid file holding 0 or garbage is treated as a dead pid; the real command would call
 * kill(0, ...) and so signal its own process group (including whoever ran it).
 */
class Server
{
    public function exec(): ?string
    {
        $action = CommandManager::getInstance()->getArg(0);
        if (in_array($action, ['start', 'stop', 'reload', 'restart', 'status'], true)) {
            Core::getInstance()->initialize();
            return $this->$action();
        }
        return CommandManager::getInstance()->displayCommandHelp();
    }

    protected function start(): ?string
    {
        defined('EASYSWOOLE_RUNNING') || define('EASYSWOOLE_RUNNING', true);
        $conf = Config::getInstance();
        if (CommandManager::getInstance()->issetOpt('d')) {
            $conf->setConf('MAIN_SERVER.SETTING.daemonize', true);
        }
        if (empty($conf->getConf('MAIN_SERVER.SETTING.user'))) {
            $conf->setConf('MAIN_SERVER.SETTING.user', get_current_user());
        }
        echo Utility::render(Utility::createServerDisplayItem($conf));
        Core::getInstance()->createServer()->start();
        return null;
    }

    protected function stop(): string
    {
        $pidFile = (string) Config::getInstance()->getConf('MAIN_SERVER.SETTING.pid_file');
        if (!file_exists($pidFile)) {
            return Color::danger('pid file does not exist, please check whether to run in the daemon mode!');
        }
        $pid = intval(file_get_contents($pidFile));
        if ($pid <= 0 || !posix_kill($pid, 0)) {
            unlink($pidFile);
            return Color::danger("pid :{$pid} not exist ");
        }
        posix_kill($pid, CommandManager::getInstance()->issetOpt('force') ? SIGKILL : SIGTERM);
        $time = time();
        while (true) {
            usleep(1000);
            if (!posix_kill($pid, 0)) {
                if (is_file($pidFile)) {
                    unlink($pidFile);
                }
                return Color::success("server stop for pid {$pid} at " . date('Y-m-d H:i:s'));
            }
            if (time() - $time > 15) {
                return Color::danger("stop server fail for pid:{$pid} , try [php easyswoole.php server stop -force] again");
            }
        }
    }

    protected function reload(): string
    {
        $pidFile = (string) Config::getInstance()->getConf('MAIN_SERVER.SETTING.pid_file');
        if (!file_exists($pidFile)) {
            return Color::danger('pid file does not exist, please check whether to run in the daemon mode!');
        }
        $pid = intval(file_get_contents($pidFile));
        if ($pid <= 0 || !posix_kill($pid, 0)) {
            return Color::danger("pid :{$pid} not exist ");
        }
        posix_kill($pid, SIGUSR1);
        return Color::success("send server reload command to pid:{$pid} at " . date('Y-m-d H:i:s'));
    }

    protected function restart(): ?string
    {
        $message = $this->stop();
        $this->start();
        return $message;
    }

    protected function status(): string
    {
        $reply = Bridge::getInstance()->call('status');
        if ($reply === null) {
            return Color::error('connect to server fail');
        }
        return Utility::render($reply);
    }
}
