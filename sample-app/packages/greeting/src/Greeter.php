<?php
declare(strict_types=1);

namespace Standby\Greeting;

/** What the sample app answers on /: enough to tell which release and which slot served a request. */
final class Greeter
{
    public function greet(string $version, int $port): string
    {
        return "standby sample app version $version on port $port";
    }
}
