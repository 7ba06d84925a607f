<?php
/*
 * The seed tutorial's release method ("easyswoole hot standby", /work/shared/seeds/hot-standby-tutorial.en.md),
 * re-implemented step for step for the benchmark: the body of its custom process Relase::run(), with its shell
 * strings, its exec() calls and its bugs, pointed at the benchmark's paths and ports instead of the tutorial's
 * hard-coded ones. What the tutorial hard-codes comes from the environment:
 *
 *   SEED_ROOT        EASYSWOOLE_ROOT: the hand-deployed first instance, where the poller runs and `git fetch`es
 *   SEED_REPO        the URL it clones (the tutorial's GitHub URL)
 *   SEED_SITES       /Users/xxx/sites: where relase-<time> directories and the logs go
 *   SEED_PORT_A/B    9501 and 9502
 *   SEED_NGINX_CONF  /usr/local/etc/nginx/nginx.conf
 *   SEED_NGINX       the nginx command line, for `nginx -s reload` (our nginx runs with -p/-c of its own)
 *   SEED_STOP        "root" stops the old service in EASYSWOOLE_ROOT, as the tutorial does; "previous" stops it in
 *                    the directory of the release that was live before (the one change the benchmark makes, see
 *                    bench/README.md: with "root" no release after the second one ever goes live, so nothing
 *                    would be measured)
 *   SEED_EVENTS      a JSON-lines file where each step's start time is written, for the stage split
 *
 *   php release.php once   one release (the body of `if ($pullResult !== '')`)
 *   php release.php poll   the tutorial's loop: `git fetch; git diff --stat master origin/master` until it finds a
 *                          difference, then one release; the benchmark stops there (the tutorial would sleep 30 s
 *                          and, since it never merges origin/master, release the same commit again forever)
 */

$root = getenv('SEED_ROOT');
$repo = getenv('SEED_REPO');
$sites = getenv('SEED_SITES');
$portA = (int) getenv('SEED_PORT_A');
$portB = (int) getenv('SEED_PORT_B');
$ngConfigPath = getenv('SEED_NGINX_CONF');
$nginx = getenv('SEED_NGINX');
$stopIn = getenv('SEED_STOP') ?: 'previous';
$events = getenv('SEED_EVENTS') ?: '/dev/null';
$liveFile = $sites . '/live-dir';

function event(string $step): void
{
    global $events;
    file_put_contents($events, json_encode(['step' => $step, 'at' => microtime(true)]) . PHP_EOL, FILE_APPEND);
}

function release(): void
{
    global $root, $repo, $sites, $portA, $portB, $ngConfigPath, $nginx, $stopIn, $liveFile;
    $shellLog = " 2>> {$sites}/shell.log";
    error_log('A new version has been released' . PHP_EOL, 3, "{$sites}/es-log.log");

    // Directory of new version project
    $newVersionPath = $sites . '/relase-' . time();

    // Start clone and initialize the code
    event('clone');
    $cloneExec = "git clone {$repo} {$newVersionPath} {$shellLog};cd {$newVersionPath} {$shellLog};composer update {$shellLog}; {$shellLog}";
    $res = exec($cloneExec, $a, $b);
    error_log('New version code clone' . PHP_EOL, 3, "{$sites}/es-log.log");

    // Determine which port is currently serving
    event('start');
    $lsofExec = "lsof -i:{$portA} {$shellLog}";
    $lsofResult = exec($lsofExec);
    $newPort = $portA;
    $oldPort = $portB;
    if ($lsofResult !== '') {
        $newPort = $portB;
        $oldPort = $portA;
    }

    // Replace another idle port with the new version
    error_log('Start port replacement' . $newPort . PHP_EOL, 3, "{$sites}/es-log.log");
    $devConfig = file_get_contents($newVersionPath . '/dev.php');
    $devConfig = str_replace($oldPort, $newPort, $devConfig);
    file_put_contents($newVersionPath . '/dev.php', $devConfig);

    // Start a new service (the new and old services exist at the same time)
    error_log('New service launch' . PHP_EOL, 3, "{$sites}/es-log.log");
    // Fixed in the port: Swoole's daemon keeps a duplicate of the CLI's stdout open until the server exits, so
    // exec(), which reads that stdout to its end, would wait for the service to stop; its stdout goes to the log.
    $startExec = "cd {$newVersionPath}; php easyswoole.php server start -d >> {$sites}/shell.log {$shellLog}";
    exec($startExec);

    // Replace nginx configuration
    event('switch');
    error_log('Start replacing ng port' . PHP_EOL, 3, "{$sites}/es-log.log");
    $ngConfig = file_get_contents($ngConfigPath);
    $ngConfig = str_replace($oldPort, $newPort, $ngConfig);
    file_put_contents($ngConfigPath, $ngConfig);

    // Restart nginx
    error_log('Restart ng' . PHP_EOL, 3, "{$sites}/es-log.log");
    $reloadNgExec = "{$nginx} -s reload {$shellLog}";
    exec($reloadNgExec);

    // Stop the old service
    event('stop');
    error_log('The old service stopped' . PHP_EOL, 3, "{$sites}/es-log.log");
    $oldPath = $stopIn === 'root' ? $root : (is_file($liveFile) ? trim(file_get_contents($liveFile)) : $root);
    $stopExec = "cd " . $oldPath . "; php easyswoole.php server stop {$shellLog}";
    exec($stopExec);
    file_put_contents($liveFile, $newVersionPath);
    event('done');
}

if (($argv[1] ?? '') === 'once') {
    release();
    exit(0);
}
if (($argv[1] ?? '') === 'poll') {
    while (true) {
        // Check git for new code releases
        // As the tutorial's, but with git fetch's progress on stderr silenced.
        $diffExec = 'cd ' . $root . '; git fetch 2>/dev/null; git diff --stat master origin/master;';
        $pullResult = exec($diffExec);
        if ($pullResult !== '') {
            event('detected');
            release();
            exit(0);
        }
        // The tutorial does not pause when nothing is new: it fetches again at once.
    }
}
fwrite(STDERR, "usage: php release.php once|poll\n");
exit(2);
