<?php
declare(strict_types=1);

namespace App\HttpController;

use EasySwoole\EasySwoole\Config;
use EasySwoole\Http\AbstractInterface\Controller;
use App\Standby\ReleaseRole;
use Standby\Greeting\Greeter;

/*
 * The sample app's controller (routes as EasySwoole maps them: "/" -> index, "/health" -> health, "/slow" -> slow,
 * "/env" -> env, "/role" -> role).
 * Every answer carries X-Standby-Port, the port the server really listens on.
 */
class Index extends Controller
{
    public function index()
    {
        $this->text(200, $this->greeting() . "\n");
    }

    public function health()
    {
        $root = EASYSWOOLE_ROOT;
        if (is_file("$root/HEALTH_500")) {
            $this->text(500, "unhealthy: HEALTH_500 is present\n");
            return;
        }
        if (is_file("$root/HEALTH_500_AFTER")) {
            // Healthy at first, sick later: the clock starts at the first health check, not at boot.
            $after = (float) trim((string) file_get_contents("$root/HEALTH_500_AFTER"));
            $firstSeen = Config::getInstance()->getConf('TEMP_DIR') . '/health-first-seen';
            $file = @fopen($firstSeen, 'x');
            if ($file !== false) {
                fwrite($file, sprintf('%.3f', microtime(true)));
                fclose($file);
            }
            $since = microtime(true) - (float) (@file_get_contents($firstSeen) ?: microtime(true));
            if ($since >= $after) {
                $this->text(500, sprintf("unhealthy: HEALTH_500_AFTER is present and the first health check was %.1fs ago\n", $since));
                return;
            }
        }
        // The commit Standby wrote into the release: a health check that requires it can never take an old process
        // answering on the new port for the new release.
        $revision = is_file("$root/REVISION") ? trim((string) file_get_contents("$root/REVISION")) : '';
        $this->text(200, $revision === '' ? 'ok' : "ok $revision");
    }

    /** The release's role, and whether once-only work (a Crontab task) would run in it now. */
    public function role()
    {
        $this->text(200, ReleaseRole::current() . (ReleaseRole::isLive() ? " runs-once-only-work\n" : " skips-once-only-work\n"));
    }

    /** Holds the request for ?ms=N milliseconds (at most 60 s), even across signals: for watching connections drain. */
    public function slow()
    {
        $ms = max(0, min(60_000, (int) ($this->request()->getRequestParam('ms') ?? 1000)));
        $until = microtime(true) + $ms / 1000;
        while (($left = $until - microtime(true)) > 0) {
            usleep((int) min(1_000_000, $left * 1_000_000));
        }
        $this->text(200, $this->greeting() . "\n");
    }

    /** Whether ?name=VAR is set in the service's environment: tests check that Standby's secrets never reach it. */
    public function env()
    {
        $name = (string) ($this->request()->getRequestParam('name') ?? '');
        $this->text(200, getenv($name) === false ? "unset\n" : "set\n");
    }

    protected function actionNotFound(?string $action): void
    {
        $this->text(404, 'not found: ' . $this->request()->getUri()->getPath() . "\n");
    }

    private function greeting(): string
    {
        $version = is_file(EASYSWOOLE_ROOT . '/VERSION') ? trim((string) file_get_contents(EASYSWOOLE_ROOT . '/VERSION')) : 'unknown';
        return (new Greeter())->greet($version, $this->port());
    }

    private function port(): int
    {
        return (int) ($this->request()->getServerParams()['server_port'] ?? 0);
    }

    private function text(int $status, string $body): void
    {
        $this->response()->withStatus($status);
        $this->response()->withHeader('Content-Type', 'text/plain; charset=utf-8');
        $this->response()->withHeader('X-Standby-Port', (string) $this->port());
        $this->response()->write($body);
    }
}
