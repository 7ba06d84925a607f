<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Command;

use EasySwoole\EasySwoole\Command\DefaultCommand\Server;

/*
 * Stand-in for EasySwoole\EasySwoole\Command\CommandRunner (src/Command/CommandRunner.php) and the run() of
 * easyswoole/command's CommandManager: argv[1] names the command, the rest are its arguments and options; the command's
 * return value is the message the entry script prints (null: nothing, e.g. after `server start`).
 * Simplified: only the `server` command (no install, task, crontab, process, phpunit).
 */
final class CommandRunner
{
    private static ?self $instance = null;

    public static function getInstance(): self
    {
        return self::$instance ??= new self();
    }

    /** @param string[] $argv the entry script's $argv */
    public function run(array $argv): ?string
    {
        $manager = CommandManager::getInstance();
        $manager->parse((string) ($argv[0] ?? 'easyswoole.php'), array_slice($argv, 2));
        $command = $argv[1] ?? null;
        if ($command === null || $command === '' || $command === '-h' || $command === '--help') {
            return $manager->displayHelp();
        }
        if ($command !== 'server') {
            return Color::danger("The command '{$command}' is not exists!\n");
        }
        if ($manager->issetOpt('h') || $manager->issetOpt('help')) {
            return $manager->displayCommandHelp();
        }
        return (new Server())->exec();
    }
}
