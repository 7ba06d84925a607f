<?php
declare(strict_types=1);

/*
 * The server's boot, run by `easyswoole.php server start` in the release directory. It honours the
 * failure-mode files a test commits to make a broken release, then becomes PHP's built-in server
 * (exec, so the pid the CLI recorded stays the server's pid).
 */

require __DIR__ . '/bootstrap.php';

$root = dirname(__DIR__);
$server = serverConfig($root . '/' . ($argv[1] ?? 'dev') . '.php');
$port = $server['port'];
$say = static fn(string $line) => fwrite(STDERR, '[boot ' . getmypid() . '] ' . $line . PHP_EOL);

if (is_file("$root/BOOT_CRASH")) {
    $say('BOOT_CRASH is present: crashing during boot');
    exit(255);
}
if (is_file("$root/SLOW_BOOT")) {
    $seconds = (int) trim((string) file_get_contents("$root/SLOW_BOOT"));
    $say("SLOW_BOOT is present: binding in {$seconds}s");
    sleep($seconds);
}
if (is_file("$root/IGNORE_TERM")) {
    // An ignored signal stays ignored across exec and fork: master and workers all shrug off SIGTERM.
    pcntl_signal(SIGTERM, SIG_IGN);
    $say('IGNORE_TERM is present: SIGTERM is ignored');
}
if (is_file("$root/WRONG_PORT")) {
    $port += 1000;
    $say("WRONG_PORT is present: binding $port instead of {$server['port']}");
}

$say("serving http://{$server['address']}:$port from $root");
$environment = array_merge(getenv(), ['PHP_CLI_SERVER_WORKERS' => getenv('PHP_CLI_SERVER_WORKERS') ?: '4']);
pcntl_exec(PHP_BINARY, ['-S', "{$server['address']}:$port", '-t', "$root/public", "$root/public/index.php"], $environment);
$say('could not exec ' . PHP_BINARY);
exit(1);
