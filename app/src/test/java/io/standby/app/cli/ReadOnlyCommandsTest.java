package io.standby.app.cli;

import io.standby.app.Isolated;
import io.standby.app.config.ConfigLoaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that only read build none of the release wiring: {@code status} and {@code history} load the
 * configuration and read the journal, {@code nginx-config} renders from the configuration. Run in a class loader
 * that cannot see Guice, ZooKeeper, Curator, any adapter that releases, nor the parts of JGit that open or fetch a
 * repository, they answer as usual and nothing asked for those classes. (The configuration's own checks use JGit's
 * rules for a branch name and a repository address, and nothing more of it.)
 */
class ReadOnlyCommandsTest {

    private static final List<String> RELEASE_WIRING = List.of("com.google.inject.", "org.apache.curator.",
            "org.apache.zookeeper.", "io.standby.adapters.zookeeper.", "io.standby.adapters.easyswoole.",
            "io.standby.adapters.haproxy.", "io.standby.adapters.http.", "io.standby.adapters.notify.",
            "io.standby.adapters.git.JGit", "io.standby.adapters.git.GitModule", "io.standby.adapters.git.LocalServer",
            "org.eclipse.jgit.api.", "org.eclipse.jgit.transport.Transport", "org.eclipse.jgit.internal.storage.");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"status", "status --json", "history", "history --json"})
    void theJournalsReadersLoadNothingOfTheReleaseWiring(String command) throws Exception {
        String[] args = (command + " -c " + configOver("mid-release", "")).split(" ");

        try (Isolated isolated = new Isolated(RELEASE_WIRING)) {
            Printed printed = standby(isolated, args);

            assertThat(printed.exit()).as("exit; err: %s", printed.err()).isEqualTo(0);
            assertThat(printed.out()).isEqualTo(Ran.standby(args).out());
            assertThat(isolated.refused).as("classes of the release wiring asked for by %s", command).isEmpty();
        }
    }

    @Test
    void nginxConfigRendersTheSnippetWithoutTheReleaseWiring() throws Exception {
        Path config = configOver("mid-release", "    mode: flag\n    flag-file: " + dir.resolve("green") + "\n");

        try (Isolated isolated = new Isolated(RELEASE_WIRING)) {
            Printed printed = standby(isolated, "nginx-config", "-c", config.toString());

            assertThat(printed.exit()).as("err: %s", printed.err()).isEqualTo(0);
            assertThat(printed.out()).contains("upstream shop_blue").contains("if (-f " + dir.resolve("green") + ")");
            assertThat(isolated.refused).as("classes of the release wiring asked for by nginx-config").isEmpty();
        }
    }

    private record Printed(int exit, String out, String err) {
    }

    /** The command line as {@link Ran} runs it, built from the isolated loader's classes. */
    private static Printed standby(Isolated isolated, String... args) throws Exception {
        Object line = Isolated.invoke(isolated.loadClass(StandbyCommand.class.getName()).getDeclaredMethod("commandLine", String[].class),
                null, (Object) args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.getClass().getMethod("setOut", PrintWriter.class).invoke(line, new PrintWriter(out, true));
        line.getClass().getMethod("setErr", PrintWriter.class).invoke(line, new PrintWriter(err, true));
        int exit = (int) line.getClass().getMethod("execute", String[].class).invoke(line, (Object) args);
        return new Printed(exit, out.toString(), err.toString());
    }

    private Path configOver(String journal, String nginx) throws IOException, URISyntaxException {
        Path state = Files.createDirectories(dir.resolve(journal));
        try (var files = Files.list(Path.of(getClass().getResource("/journal/v0/" + journal).toURI()))) {
            for (Path file : files.toList()) {
                Files.copy(file, state.resolve(file.getFileName().toString()));
            }
        }
        String yaml = ConfigLoaderTest.VALID.replace("state-dir: /var/lib/standby/shop", "state-dir: " + state);
        return Files.writeString(dir.resolve(journal + ".yml"), nginx.isEmpty() ? yaml
                : yaml.replace("    upstream: easyswoole.relase.com\n", "    upstream: shop\n" + nginx));
    }
}
