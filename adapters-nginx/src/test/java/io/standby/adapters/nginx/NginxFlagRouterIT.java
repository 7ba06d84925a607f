package io.standby.adapters.nginx;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.standby.domain.model.Outcome;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.port.out.TrafficRouterContract;
import io.standby.os.Deadline;
import org.junit.jupiter.api.AfterEach;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Flag mode against a real nginx configured with the rendered snippet, proxying to two real backends. */
class NginxFlagRouterIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private NginxScene scene;
    private NginxSettings settings;
    private Injector injector;
    private TrafficRouter router;

    @BeforeEach
    void startBackendsAndConfigureNginx() throws IOException {
        scene = NginxScene.in(scratch);
        Files.createDirectories(scene.dir().resolve("flags"));
        settings = scene.commanding(TestSettings.flag(scene.slots(), "app", scene.dir().resolve("flags").resolve("green")));
        injector = Guice.createInjector(new NginxModule(settings));
        router = injector.getInstance(TrafficRouter.class);
        NginxSnippet snippet = injector.getInstance(NginxSnippet.class);
        scene.nginx().writeConfig(snippet.httpPart() + "server {\n    listen LISTEN;\n" + snippet.serverPart() + "}\n");
    }

    @Test
    void switchesBothWaysWithoutReplacingAWorker() {
        scene.nginx().start();
        List<NginxMaster.Worker> workers = scene.workers();
        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.blue().port());

        assertThat(router.switchTo(scene.slots().green())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());

        assertThat(router.switchTo(scene.slots().blue())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.blue().port());

        assertThat(scene.workers()).as("no reload: the same workers serve throughout").isEqualTo(workers);
    }

    /**
     * The test's nginx set to run its workers as nobody, as a server's run as www-data, and the router and check wired
     * to find them through its pid file. Needs root, to start workers as another user.
     */
    private Injector workersAsNobody() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "root, to run workers as nobody");
        Path conf = scene.nginx().config();
        Files.writeString(conf, Files.readString(conf).replace("user root;", "user nobody nogroup;"));
        return Guice.createInjector(new NginxModule(new NginxSettings(settings.mode(), settings.slots(), settings.host(),
                settings.upstream(), null, scene.nginx().pidFile(), settings.flagFile(), settings.testCommand(),
                settings.reloadCommand(), settings.dumpCommand(), settings.commandTimeout(), settings.reloadTimeout())));
    }

    /**
     * nginx's workers as an unprivileged user (as www-data on a server) and the flag in a directory they may not search:
     * nginx's -f test is false for every request, so the check says so and the switch refuses to write the flag.
     * Once the directories are searchable, the same nginx routes by the flag.
     */
    @Test
    void aFlagTheWorkersCannotSeeIsNamedAndNotSwitchedTo() throws IOException {
        Injector withPid = workersAsNobody();
        Path flags = settings.flagFile().getParent();
        Files.setPosixFilePermissions(flags, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        scene.nginx().start();

        assertThat(withPid.getInstance(NginxConfigCheck.class).problems()).singleElement().asString()
                .startsWith("nginx's workers (uid 65534) cannot see the flag file " + settings.flagFile());
        assertThat(withPid.getInstance(TrafficRouter.class).switchTo(scene.slots().green()))
                .isInstanceOf(Outcome.Failed.class);
        assertThat(settings.flagFile()).doesNotExist();
        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.blue().port());

        for (Path dir = flags; dir != null && !dir.equals(Path.of("/tmp")); dir = dir.getParent()) {
            Set<java.nio.file.attribute.PosixFilePermission> modes = new java.util.HashSet<>(Files.getPosixFilePermissions(dir));
            modes.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, modes);
        }

        assertThat(withPid.getInstance(NginxConfigCheck.class).problems()).isEmpty();
        assertThat(withPid.getInstance(TrafficRouter.class).switchTo(scene.slots().green())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());
    }

    /**
     * The same workers, with directories whose mode bits refuse them but whose access lists let them through (as an
     * operator grants www-data with setfacl): nginx sees the flag, so neither the check nor the switch may refuse.
     */
    @Test
    void aFlagReachedThroughAccessListsIsNotRefused() throws IOException {
        Injector withPid = workersAsNobody();
        Path flags = settings.flagFile().getParent();
        Files.setPosixFilePermissions(flags, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        for (Path dir = flags; dir != null && !dir.equals(Path.of("/tmp")); dir = dir.getParent()) {
            io.standby.process.Completion granted = new io.standby.process.ProcessRunner().run(io.standby.process.Command.of(
                    scene.dir(), Duration.ofSeconds(10), List.of("setfacl", "-m", "u:nobody:x", dir.toString())));
            assertThat(granted.succeeded()).as(granted.tail(4)).isTrue();
        }
        scene.nginx().start();

        assertThat(withPid.getInstance(NginxConfigCheck.class).problems()).isEmpty();
        assertThat(withPid.getInstance(TrafficRouter.class).switchTo(scene.slots().green())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());
    }

    @Test
    void theCheckFindsNothingMissingInTheRenderedSnippet() {
        assertThat(injector.getInstance(NginxConfigCheck.class).problems()).isEmpty();
    }

    @Test
    void anOperatorsOwnNamesPassTheCheckAndSwitch() throws IOException {
        scene.nginx().writeConfig("upstream old_pool { server 127.0.0.1:" + scene.blue().port() + "; keepalive 8; }\n"
                + "upstream new_pool { server 127.0.0.1:" + scene.green().port() + "; keepalive 8; }\n"
                + "server {\n    listen LISTEN;\n    set $backend old_pool;\n"
                + "    if (-f \"" + settings.flagFile() + "\") { set $backend new_pool; }\n"
                + "    location / { proxy_pass http://$backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }\n}\n");
        scene.nginx().start();

        assertThat(injector.getInstance(NginxConfigCheck.class).problems()).isEmpty();
        assertThat(router.switchTo(scene.slots().green())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());
        assertThat(router.switchTo(scene.slots().blue())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.blue().port());
    }

    @Test
    void theSnippetIncludedFromFilesAsTheReadmeSaysPassesTheCheckAndSwitches() throws IOException {
        NginxSnippet snippet = injector.getInstance(NginxSnippet.class);
        Path conf = Files.createDirectories(scene.dir().resolve("conf.d"));
        Files.writeString(conf.resolve("standby-http.conf"), snippet.httpPart());
        Files.writeString(conf.resolve("standby-server.conf"), snippet.serverPart());
        scene.nginx().writeConfig("include " + conf + "/*-http.conf;\n"
                + "server {\n    listen LISTEN;\n    include " + conf.resolve("standby-server.conf") + ";\n}\n");
        scene.nginx().start();

        assertThat(injector.getInstance(NginxConfigCheck.class).problems()).isEmpty();
        assertThat(router.switchTo(scene.slots().green())).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 10).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());
    }

    @Test
    void theCheckNamesAFlagTestThatNginxDoesNotHave() throws IOException {
        NginxSnippet snippet = injector.getInstance(NginxSnippet.class);
        String withoutFlagTest = snippet.serverPart().replaceAll("(?s)if \\(-f [^)]*\\) \\{.*?}\n", "");
        scene.nginx().writeConfig(snippet.httpPart() + "server {\n    listen LISTEN;\n" + withoutFlagTest + "}\n");

        List<String> problems = injector.getInstance(NginxConfigCheck.class).problems();

        assertThat(problems).singleElement().asString()
                .startsWith("in the configuration `" + String.join(" ", settings.dumpCommand()) + "` prints ("
                        + scene.nginx().config() + "): no \"if (-f " + settings.flagFile() + ") { set $standby_pool app_green; }\"");
    }

    @Test
    void theCheckReportsAConfigurationNginxRejects() throws IOException {
        scene.nginx().writeConfig("bogus_directive on;\n");

        assertThat(injector.getInstance(NginxConfigCheck.class).problems()).singleElement().asString()
                .contains("failed").contains("unknown directive \"bogus_directive\"");
    }

    @Test
    void keepAliveClientsSeeNoFailureAcrossFiveSwitches() throws Exception {
        scene.nginx().start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scene.nginx().port() + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> byPort = new ConcurrentHashMap<>();
        Deadline hardStop = Deadline.after(Duration.ofSeconds(20));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                loops.add(clients.submit(() -> {
                    while (!stop.get() && !hardStop.expired()) {
                        try {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                served.incrementAndGet();
                                byPort.merge(response.body(), 1, Integer::sum);
                            } else {
                                failures.add("HTTP " + response.statusCode());
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (int i = 1; i <= 5; i++) {
                int threshold = i * 400;
                await().atMost(Duration.ofSeconds(10)).until(() -> served.get() >= threshold);
                assertThat(router.switchTo(i % 2 == 1 ? scene.slots().green() : scene.slots().blue())).isEqualTo(Outcome.done());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> served.get() >= 2400);
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> loop : loops) {
            loop.get();
        }

        assertThat(failures).as("failed requests").isEmpty();
        assertThat(byPort).containsOnlyKeys(Integer.toString(scene.blue().port()), Integer.toString(scene.green().port()));
        assertThat(router.current()).contains(scene.slots().green());
    }

    @Nested
    class Contract implements TrafficRouterContract {

        @BeforeEach
        void startNginx() {
            scene.nginx().start();
        }

        @Override
        public Routing routing() {
            return new Routing(router, scene.slots());
        }

        @Test
        void nginxFollowsTheRouter() {
            assertThat(router.switchTo(scene.slots().green())).isEqualTo(Outcome.done());
            assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.green().port());
        }
    }
}
