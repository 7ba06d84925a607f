<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole\AbstractInterface;

use EasySwoole\EasySwoole\Swoole\EventRegister;

/*
 * Stand-in for EasySwoole\EasySwoole\AbstractInterface\Event (src/AbstractInterface/Event.php): the two hooks of the
 * project's EasySwooleEvent class. Same contract, nothing simplified.
 */
interface Event
{
    public static function initialize();

    public static function mainServerCreate(EventRegister $register);
}
