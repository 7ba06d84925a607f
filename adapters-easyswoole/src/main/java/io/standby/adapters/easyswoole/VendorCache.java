package io.standby.adapters.easyswoole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies of vendor/ keyed by the SHA-256 of the composer.lock they were installed from, so that a release whose
 * lock has not changed starts with its dependencies in place and composer install has nothing left to do.
 * Only an optimisation: any failure here is logged and composer installs as if there were no cache.
 */
final class VendorCache {

    private static final Logger LOG = LoggerFactory.getLogger(VendorCache.class);
    private static final int KEEP = 3;

    private final Path root;

    VendorCache(Path root) {
        this.root = root;
    }

    /** Seeds the release's vendor/ from the cache; whether it did. */
    boolean restore(Path release) {
        Path target = release.resolve("vendor");
        Optional<Path> cached = key(release).map(key -> root.resolve(key).resolve("vendor")).filter(Files::isDirectory);
        if (cached.isEmpty() || Files.exists(target)) {
            return false;
        }
        try {
            copy(cached.get(), target);
            Files.setLastModifiedTime(cached.get().getParent(), FileTime.from(Instant.now()));
            return true;
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not reuse vendor/ from {} ({}); composer will install it in full", cached.get(), e.getMessage());
            delete(target);
            return false;
        }
    }

    /** Keeps the release's freshly installed vendor/ for later releases with the same lock. */
    void keep(Path release) {
        Optional<String> key = key(release);
        Path vendor = release.resolve("vendor");
        if (key.isEmpty() || !Files.isDirectory(vendor) || Files.isDirectory(root.resolve(key.get()))) {
            return;
        }
        Path staging = root.resolve(".staging-" + UUID.randomUUID());
        try {
            copy(vendor, staging.resolve("vendor"));
            Files.move(staging, root.resolve(key.get()), StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not keep vendor/ of {} for reuse ({}); later releases will install in full", release, e.getMessage());
        } finally {
            delete(staging);
        }
    }

    private Optional<String> key(Path release) {
        Path lock = release.resolve("composer.lock");
        if (!Files.isRegularFile(lock)) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lock));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Hard-links package files (cheap, and composer never rewrites them) but copies vendor/'s own files and
     * vendor/composer/ and vendor/bin/, which composer regenerates in place on every install: through a shared
     * inode that rewrite would reach every other release.
     */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(file);
                Path target = to.resolve(relative.toString());
                boolean regenerated = relative.getNameCount() == 1
                        || relative.startsWith("composer") || relative.startsWith("bin");
                if (attributes.isSymbolicLink() || regenerated || !link(target, file)) {
                    Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean link(Path link, Path existing) {
        try {
            Files.createLink(link, existing);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(VendorCache::modified).reversed()).toList();
        }
        entries.stream().skip(KEEP).forEach(VendorCache::delete);
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", path, e.getMessage());
        }
    }
}
