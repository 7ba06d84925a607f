<?php
declare(strict_types=1);

/*
 * A stand-in for EasySwoole 3.x's `php easyswoole.php` CLI, for machines without the Swoole extension.
 * It keeps the contract Standby relies on:
 *   php easyswoole.php server start [-d] -mode=M
 *   php easyswoole.php server stop [-force] -mode=M
 *   php easyswoole.php server status -mode=M
 * Configuration comes from M.php; the master's pid is kept in TEMP_DIR/pid.pid (TEMP_DIR null = ./Temp).
 * Like the real CLI it prints coloured text and always exits 0, even when the command failed: callers must
 * judge by the pid file and the port, never by the exit code.
 */

require __DIR__ . '/bin/bootstrap.php';

$options = parseArguments(array_slice($argv, 1));
if ($options['group'] !== 'server' || !in_array($options['action'], ['start', 'stop', 'status'], true)) {
    echo yellow('usage: php easyswoole.php server start|stop|status [-d] [-force] [-mode=dev|produce]'), PHP_EOL;
    exit(0);
}

$configFile = __DIR__ . '/' . $options['mode'] . '.php';
if (!is_file($configFile)) {
    echo red("config file {$options['mode']}.php not found in " . __DIR__), PHP_EOL;
    exit(0);
}
$server = serverConfig($configFile);

match ($options['action']) {
    'start' => start($server, $options),
    'stop' => stop($server, $options['force']),
    'status' => status($server),
};
exit(0);

/** @return array{group: string, action: string, mode: string, daemonize: bool, force: bool} */
function parseArguments(array $args): array
{
    $options = ['group' => '', 'action' => '', 'mode' => 'dev', 'daemonize' => false, 'force' => false];
    $positional = [];
    foreach ($args as $arg) {
        if ($arg === '-d') {
            $options['daemonize'] = true;
        } elseif ($arg === '-force') {
            $options['force'] = true;
        } elseif (str_starts_with($arg, '-mode=')) {
            $options['mode'] = substr($arg, strlen('-mode='));
        } else {
            $positional[] = $arg;
        }
    }
    $options['group'] = $positional[0] ?? '';
    $options['action'] = $positional[1] ?? '';
    return $options;
}

function start(array $server, array $options): void
{
    $pid = runningPid($server['pidFile']);
    if ($pid !== null) {
        echo red("server is already running, pid $pid ({$server['pidFile']})"), PHP_EOL;
        return;
    }
    $probe = @stream_socket_server("tcp://{$server['address']}:{$server['port']}", $errno, $error);
    if ($probe === false) {
        echo red("failed to listen on {$server['address']}:{$server['port']}: $error"), PHP_EOL;
        return;
    }
    fclose($probe);

    echo green('EasySwoole (Standby sample) starting'), PHP_EOL;
    printf("%-16s %s\n", 'listen address', $server['address']);
    printf("%-16s %d\n", 'listen port', $server['port']);
    printf("%-16s %s\n", 'mode', $server['mode']);
    printf("%-16s %s\n", 'temp dir', $server['tempDir']);
    printf("%-16s %s\n", 'daemonize', $options['daemonize'] ? 'true' : 'false');

    $boot = [PHP_BINARY, __DIR__ . '/bin/serve.php', $server['mode']];
    $environment = array_merge(getenv(), ['PHP_CLI_SERVER_WORKERS' => '4']);
    if (!$options['daemonize']) {
        file_put_contents($server['pidFile'], (string) getmypid());
        pcntl_exec(PHP_BINARY, array_slice($boot, 1), $environment);
        echo red('could not exec the server'), PHP_EOL;
        return;
    }

    // setsid: the server leads its own session and process group, so stop can signal master and workers
    // together; its stdio goes to a log so that whoever ran this CLI sees its pipes close when we exit.
    $log = $server['tempDir'] . '/server.log';
    $process = proc_open(
        array_merge(['setsid'], $boot),
        [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']],
        $pipes,
        __DIR__,
        $environment,
    );
    if ($process === false) {
        echo red('could not launch the server'), PHP_EOL;
        return;
    }
    $pid = proc_get_status($process)['pid'];
    file_put_contents($server['pidFile'], (string) $pid);

    // The real CLI returns once the server is bound, and shows boot errors on the console: so do we.
    $deadline = microtime(true) + 2.0;
    while (microtime(true) < $deadline) {
        if (!proc_get_status($process)['running']) {
            @unlink($server['pidFile']);
            echo red("server failed to start, pid $pid exited; last lines of $log:"), PHP_EOL;
            echo tail($log, 10), PHP_EOL;
            return;
        }
        $client = @stream_socket_client("tcp://{$server['address']}:{$server['port']}", $errno, $error, 0.2);
        if ($client !== false) {
            fclose($client);
            echo green("server started, pid $pid, http://{$server['address']}:{$server['port']}"), PHP_EOL;
            return;
        }
        usleep(50_000);
    }
    echo yellow("server pid $pid is still booting; see $log"), PHP_EOL;
}

function stop(array $server, bool $force): void
{
    $pid = runningPid($server['pidFile']);
    if ($pid === null) {
        @unlink($server['pidFile']);
        echo red('server is not running'), PHP_EOL;
        return;
    }
    $signal = $force ? SIGKILL : SIGTERM;
    // Workers outlive a master killed alone and keep the port: signal the whole group when we lead one.
    $group = posix_getpgid($pid) === $pid;
    posix_kill($group ? -$pid : $pid, $signal);

    $deadline = microtime(true) + 3.0;
    while (microtime(true) < $deadline) {
        if (!alive($pid, $group)) {
            @unlink($server['pidFile']);
            echo green('server stop at ' . date('Y-m-d H:i:s') . ($force ? ' (forced)' : '')), PHP_EOL;
            return;
        }
        usleep(50_000);
    }
    echo red("server stop fail: pid $pid still running after 3s" . ($force ? '' : ', try -force')), PHP_EOL;
}

function status(array $server): void
{
    $pid = runningPid($server['pidFile']);
    if ($pid === null) {
        echo yellow('server is not running'), PHP_EOL;
        return;
    }
    echo green("server is running, pid $pid, http://{$server['address']}:{$server['port']}"), PHP_EOL;
}

function runningPid(string $pidFile): ?int
{
    if (!is_file($pidFile)) {
        return null;
    }
    $pid = (int) trim((string) file_get_contents($pidFile));
    return $pid > 0 && alive($pid, false) ? $pid : null;
}

/** Whether the process (or any of its group) still runs; zombies waiting for init to reap them do not count. */
function alive(int $pid, bool $group): bool
{
    if (!is_dir('/proc/self')) {
        return posix_kill($group ? -$pid : $pid, 0);
    }
    foreach (glob('/proc/[0-9]*/stat') ?: [] as $statFile) {
        $stat = @file_get_contents($statFile);
        if ($stat === false) {
            continue;
        }
        // After the command name, which may hold spaces: state, ppid, pgrp, ...
        $fields = explode(' ', substr($stat, strrpos($stat, ')') + 2));
        $member = $group ? (int) $fields[2] === $pid : (int) basename(dirname($statFile)) === $pid;
        if ($member && $fields[0] !== 'Z') {
            return true;
        }
    }
    return false;
}

function tail(string $file, int $lines): string
{
    $all = is_file($file) ? file($file, FILE_IGNORE_NEW_LINES) : [];
    return implode(PHP_EOL, array_slice($all, -$lines));
}

function green(string $text): string
{
    return "\e[32m$text\e[0m";
}

function yellow(string $text): string
{
    return "\e[33m$text\e[0m";
}

function red(string $text): string
{
    return "\e[31m$text\e[0m";
}
