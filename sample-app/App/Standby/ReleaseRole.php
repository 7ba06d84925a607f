<?php
declare(strict_types=1);

namespace App\Standby;

/*
 * The part this release plays, as Standby writes it into the release directory (STANDBY_ROLE): "candidate" while it
 * is started and checked, "live" once traffic reaches it, "draining" once traffic has moved to the next release.
 * Work that must run once across the fleet of slots (a Crontab task, a queue consumer) asks isLive() first, so it never
 * runs twice while the old and the new release overlap. Outside Standby there is no file, and the release is live.
 */
final class ReleaseRole
{
    public static function current(): string
    {
        $file = EASYSWOOLE_ROOT . '/STANDBY_ROLE';
        $role = is_file($file) ? trim((string) @file_get_contents($file)) : '';
        return $role === '' ? 'live' : $role;
    }

    public static function isLive(): bool
    {
        return self::current() === 'live';
    }
}
