<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Command;

/*
 * Stand-in for EasySwoole\Command\Color (easyswoole/command 1.1.x): wraps text in ANSI colour codes, "\033[{style}m"
 * ... "\e[0m", with that package's styles (red 0;31, green 0;32, success 1;32, danger 0;31, error 97;41, ...).
 * Simplified: lives in the framework's namespace instead of its own package; no <tag> rendering.
 */
final class Color
{
    private const STYLES = [
        'black' => '0;30', 'red' => '0;31', 'green' => '0;32', 'brown' => '0;33', 'blue' => '0;34', 'cyan' => '0;36',
        'normal' => '39', 'yellow' => '1;33', 'magenta' => '1;35', 'white' => '1;37', 'success' => '1;32',
        'info' => '0;32', 'comment' => '0;33', 'note' => '36;1', 'notice' => '36;4', 'warning' => '0;30;43',
        'danger' => '0;31', 'error' => '97;41',
    ];

    public static function __callStatic(string $style, array $arguments): string
    {
        return sprintf("\033[%sm%s\e[0m", self::STYLES[$style] ?? '0', (string) ($arguments[0] ?? ''));
    }
}
