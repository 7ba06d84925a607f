package io.standby.app.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Files and directories kept across releases (Deployer's shared_files and shared_dirs): they live under
 * {@code root} and every release gets a link to them before its dependencies are installed. Paths are relative
 * to the release directory; the configuration has already refused absolute ones and {@code ..}.
 */
public record SharedPaths(Path root, List<Path> files, List<Path> dirs) {

    public SharedPaths {
        Objects.requireNonNull(root, "root");
        files = List.copyOf(files);
        dirs = List.copyOf(dirs);
        for (Path path : concat(files, dirs)) {
            if (path.isAbsolute() || path.normalize().startsWith("..") || path.toString().isBlank()) {
                throw new IllegalArgumentException("a shared path must lie inside the release: " + path);
            }
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
