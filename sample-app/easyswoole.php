<?php
/*
 * The project's entry script, shaped like the one `easyswoole install` writes (easy-swoole/easyswoole
 * src/Resource/easyswoole): without vendor/autoload.php it dies "include composer autoload.php fail"; EASYSWOOLE_ROOT
 * is the real path of the directory holding vendor/; an optional <root>/bootstrap.php is loaded; then the command
 * runner handles `php easyswoole.php server start|stop|reload|restart|status [-d] [-force] [-mode=M]` and whatever
 * message it returns is printed. Here the framework is the stand-in package packages/easyswoole (see README.md).
 */

use EasySwoole\EasySwoole\Command\CommandRunner;

$autoload = __DIR__ . '/vendor/autoload.php';
if (!file_exists($autoload)) {
    die("include composer autoload.php fail\n");
}
require $autoload;

$root = dirname(realpath($autoload), 2);
defined('IN_PHAR') || define('IN_PHAR', (bool) Phar::running(false));
defined('RUNNING_ROOT') || define('RUNNING_ROOT', $root);
defined('EASYSWOOLE_ROOT') || define('EASYSWOOLE_ROOT', IN_PHAR ? Phar::running() : $root);

if (file_exists(EASYSWOOLE_ROOT . '/bootstrap.php')) {
    require_once EASYSWOOLE_ROOT . '/bootstrap.php';
}

$message = CommandRunner::getInstance()->run($argv);
if (!empty($message)) {
    echo $message . "\n";
}
