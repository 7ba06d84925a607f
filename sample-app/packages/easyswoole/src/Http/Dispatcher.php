<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\Http;

use EasySwoole\Http\AbstractInterface\Controller;
use EasySwoole\Http\Request;
use EasySwoole\Http\Response;
use EasySwoole\Standin\Http\Request as SwooleRequest;
use EasySwoole\Standin\Http\Response as SwooleResponse;

/*
 * Stand-in for EasySwoole's HTTP dispatch (src/Core.php registerDefaultCallBack + src/Http/Dispatcher.php on top of
 * easyswoole/http): maps the path to a controller under App\HttpController and an action, calls it with PSR-7-like
 * request/response wrappers, answers 500 with the message and trace when it throws, then ends the Swoole response.
 * Simplified routing: "/" -> Index::index(); "/a" -> A::index() if App\HttpController\A exists, else Index::a();
 * "/a/b" -> A::b(); anything else -> Index::actionNotFound(). No FastRoute router, no controller pool, no depth limit.
 */
final class Dispatcher
{
    public function __construct(private readonly string $namespace)
    {
    }

    public function dispatch(SwooleRequest $swooleRequest, SwooleResponse $swooleResponse): void
    {
        $request = new Request($swooleRequest);
        $response = new Response($swooleResponse);
        try {
            [$class, $action] = $this->route($request->getUri()->getPath());
            /** @var Controller $controller */
            $controller = new $class();
            $controller->__hook($action, $request, $response);
        } catch (\Throwable $throwable) {
            $response->withStatus(500);
            $response->write(nl2br($throwable->getMessage() . "\n" . $throwable->getTraceAsString()));
        }
        $response->__response();
    }

    /** @return array{class-string<Controller>, ?string} */
    private function route(string $path): array
    {
        $segments = array_values(array_filter(explode('/', $path), static fn(string $s): bool => $s !== ''));
        $index = $this->namespace . 'Index';
        if ($segments === []) {
            return [$index, 'index'];
        }
        $class = $this->namespace . ucfirst($segments[0]);
        if (preg_match('/^[A-Za-z_][A-Za-z0-9_]*$/', $segments[0]) && class_exists($class)
            && is_subclass_of($class, Controller::class)) {
            return [$class, $segments[1] ?? 'index'];
        }
        return [$index, count($segments) === 1 ? $segments[0] : null];
    }
}
