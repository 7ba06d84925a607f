<?php
declare(strict_types=1);

namespace EasySwoole\Http\AbstractInterface;

use EasySwoole\Http\Request;
use EasySwoole\Http\Response;

/*
 * Stand-in for EasySwoole\Http\AbstractInterface\Controller (easyswoole/http): the base of App\HttpController classes.
 * __hook() calls onRequest(), then the action if it is a public method the subclass declares (not one of the base
 * class's), else actionNotFound() (404); afterAction() runs last. Exceptions go to onException(), which rethrows, so
 * the dispatcher answers 500.
 * Simplified: no controller pool, no annotations, no writeJson helpers beyond a minimal one.
 */
abstract class Controller
{
    private ?Request $request = null;
    private ?Response $response = null;

    abstract public function index();

    public function __hook(?string $actionName, Request $request, Response $response): void
    {
        $this->request = $request;
        $this->response = $response;
        try {
            if ($this->onRequest($actionName) !== false) {
                if ($actionName !== null && $this->isAction($actionName)) {
                    $this->$actionName();
                } else {
                    $this->actionNotFound($actionName);
                }
            }
        } catch (\Throwable $throwable) {
            $this->onException($throwable);
        } finally {
            $this->afterAction($actionName);
        }
    }

    protected function request(): Request
    {
        return $this->request;
    }

    protected function response(): Response
    {
        return $this->response;
    }

    protected function onRequest(?string $action): ?bool
    {
        return true;
    }

    protected function afterAction(?string $actionName): void
    {
    }

    protected function actionNotFound(?string $action): void
    {
        $this->response()->withStatus(404);
        $this->response()->write('404 Not Found');
    }

    protected function onException(\Throwable $throwable): void
    {
        throw $throwable;
    }

    protected function writeJson(int $statusCode = 200, mixed $result = null, ?string $msg = null): bool
    {
        $this->response()->write(json_encode(['code' => $statusCode, 'result' => $result, 'msg' => $msg],
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES));
        $this->response()->withHeader('Content-Type', 'application/json;charset=utf-8');
        $this->response()->withStatus($statusCode);
        return true;
    }

    private function isAction(string $name): bool
    {
        if (!method_exists($this, $name)) {
            return false;
        }
        $method = new \ReflectionMethod($this, $name);
        return $method->isPublic() && !$method->isStatic() && !str_starts_with($name, '__')
            && $method->getDeclaringClass()->getName() !== self::class;
    }
}
