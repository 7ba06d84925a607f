<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Command;

/*
 * Stand-in for EasySwoole\Command\CommandManager (easyswoole/command 1.1.x): splits the command line after the
 * command name into arguments and options the way that package does: "-d" and "-force" are options without value,
 * "-mode=produce" and "--mode=produce" the option mode=produce, "name=value" a named argument, anything else the next
 * positional argument (so `server start` has action getArg(0) === 'start').
 * Simplified: one command (server); help texts are short.
 */
final class CommandManager
{
    private static ?self $instance = null;
    private string $script = '';
    private array $args = [];
    private array $opts = [];

    public static function getInstance(): self
    {
        return self::$instance ??= new self();
    }

    public function parse(string $script, array $params): void
    {
        $this->script = $script;
        foreach ($params as $param) {
            $param = (string) $param;
            if ($param !== '' && $param[0] === '-') {
                $option = substr($param, str_starts_with($param, '--') ? 2 : 1);
                $value = null;
                if (str_contains($option, '=')) {
                    [$option, $value] = explode('=', $option, 2);
                }
                if ($option !== '') {
                    $this->opts[$option] = $value;
                }
            } elseif (str_contains($param, '=')) {
                [$name, $value] = explode('=', $param, 2);
                $this->args[$name] = $value;
            } else {
                $this->args[] = $param;
            }
        }
    }

    public function getArg(int|string $name, mixed $default = null): mixed
    {
        return $this->args[$name] ?? $default;
    }

    public function getOpt(string $name, mixed $default = null): mixed
    {
        return $this->opts[$name] ?? $default;
    }

    public function issetOpt(string $name): bool
    {
        return array_key_exists($name, $this->opts);
    }

    public function displayHelp(): string
    {
        return Color::brown("Welcome To EasySwoole Command Console!\nUsage:") . " {$this->script} COMMAND -h\n"
            . Color::brown('Commands:') . "\n  " . Color::green('server') . "  Easyswoole server\n";
    }

    public function displayCommandHelp(): string
    {
        return Color::brown('Easyswoole server') . "\n" . Color::brown('Usage:') . "\n  {$this->script} server "
            . Color::cyan('ACTION') . " [--opts ...]\n" . Color::brown('Actions:') . "\n"
            . "  start    start-up\n  stop     stop it\n  reload   reload worker process\n"
            . "  restart  restart EasySwoole server\n  status   view EasySwoole status\n"
            . Color::brown('Options:') . "\n  -d         start as a daemon\n  -force     stop by force\n"
            . "  -mode=dev  run mode,dev is default mode\n";
    }
}
