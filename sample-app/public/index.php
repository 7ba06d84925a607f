<?php
declare(strict_types=1);

// Answer with a Content-Length, as EasySwoole's own server does: PHP's built-in server otherwise ends each answer
// by closing the connection, and a proxy (HAProxy) then cannot keep its clients' keep-alive connections open.
ob_start();
register_shutdown_function(static function (): void {
    $body = ob_get_clean();
    if ($body !== false && !headers_sent()) {
        header('Content-Length: ' . strlen($body));
    }
    echo $body;
});

// The router script of PHP's built-in server: every request comes here.

use Standby\Greeting\Greeter;

$root = dirname(__DIR__);
$port = (int) ($_SERVER['SERVER_PORT'] ?? 0);
header("X-Standby-Port: $port");
header('Content-Type: text/plain; charset=utf-8');

if (!is_file("$root/vendor/autoload.php")) {
    http_response_code(500);
    echo "vendor/autoload.php is missing: run composer install\n";
    return;
}
require "$root/vendor/autoload.php";

$version = is_file("$root/VERSION") ? trim((string) file_get_contents("$root/VERSION")) : 'unknown';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

switch ($path) {
    case '/health':
        if (is_file("$root/HEALTH_500")) {
            http_response_code(500);
            echo "unhealthy: HEALTH_500 is present\n";
            return;
        }
        if (is_file("$root/HEALTH_500_AFTER")) {
            // Healthy at first, sick later: passes the check on its own port, then fails behind the proxy. The clock
            // starts at the first health check, not at boot, so a slow boot cannot make the first check fail.
            $after = (float) trim((string) file_get_contents("$root/HEALTH_500_AFTER"));
            $firstSeen = "$root/Temp/health-first-seen";
            $file = @fopen($firstSeen, 'x');
            if ($file !== false) {
                fwrite($file, sprintf('%.3f', microtime(true)));
                fclose($file);
            }
            $since = microtime(true) - (float) (@file_get_contents($firstSeen) ?: microtime(true));
            if ($since >= $after) {
                http_response_code(500);
                printf("unhealthy: HEALTH_500_AFTER is present and the first health check was %.1fs ago\n", $since);
                return;
            }
        }
        echo "ok";
        return;
    case '/slow':
        // Holds a request open for a while: lets tests and demos watch connections drain.
        usleep(1000 * max(0, min(60_000, (int) ($_GET['ms'] ?? 1000))));
        echo (new Greeter())->greet($version, $port), "\n";
        return;
    case '/':
        echo (new Greeter())->greet($version, $port), "\n";
        return;
    default:
        http_response_code(404);
        echo "not found: $path\n";
}
