<?php
declare(strict_types=1);

namespace EasySwoole\EasySwoole;

/*
 * Stand-in for EasySwoole\EasySwoole\Config (src/Config.php, backed by easyswoole/config's SplArrayConfig): a singleton
 * holding the mode file's array, read and written with dotted paths ('MAIN_SERVER.SETTING.pid_file').
 * loadFile() uses require_once, so a mode file that does not parse is a PHP parse error (exit 255) and one that does
 * not return an array is silently ignored, as in the real one.
 * Simplified: no pluggable storage (storageHandler), no loadDir/loadEnv.
 */
class Config
{
    private static ?self $instance = null;
    private array $conf = [];

    public static function getInstance(): static
    {
        return self::$instance ??= new static();
    }

    public function getConf(string $keyPath = ''): mixed
    {
        if ($keyPath === '') {
            return $this->conf;
        }
        $value = $this->conf;
        foreach (explode('.', $keyPath) as $key) {
            if (!is_array($value) || !array_key_exists($key, $value)) {
                return null;
            }
            $value = $value[$key];
        }
        return $value;
    }

    public function setConf(string $keyPath, mixed $data): bool
    {
        $node = &$this->conf;
        foreach (explode('.', $keyPath) as $key) {
            if (!is_array($node)) {
                $node = [];
            }
            $node = &$node[$key];
        }
        $node = $data;
        return true;
    }

    public function toArray(): array
    {
        return $this->conf;
    }

    public function load(array $conf): bool
    {
        $this->conf = $conf;
        return true;
    }

    public function merge(array $conf): bool
    {
        $this->conf = array_replace_recursive($this->conf, $conf);
        return true;
    }

    public function loadFile(string $filePath, bool $merge = true): bool
    {
        if (!file_exists($filePath)) {
            return false;
        }
        $data = require_once $filePath;
        if (!is_array($data)) {
            return false;
        }
        return $merge ? $this->merge($data) : $this->load($data);
    }

    public function clear(): bool
    {
        $this->conf = [];
        return true;
    }
}
