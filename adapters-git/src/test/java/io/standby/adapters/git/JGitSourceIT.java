package io.standby.adapters.git;

import io.standby.os.FileTrees;
import com.sun.net.httpserver.HttpServer;
import io.standby.domain.model.Revision;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseSourceContract;
import io.standby.domain.port.out.SourceUnavailableException;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.standby.adapters.git.Upstream.Change.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The JGit source against real repositories, over file:// and over git:// from a real {@code git daemon}. */
class JGitSourceIT {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Path root;

    @BeforeEach
    void root() {
        root = scratch.dir();
    }

    private Upstream upstream(String name) {
        return scratch.own(Upstream.create(root.resolve("served").resolve(name)));
    }

    private GitDaemon daemon() {
        return scratch.own(GitDaemon.serve(root.resolve("served"), root.resolve("git-daemon.log")));
    }

    private JGitSource sourceFor(String repository, String branch) {
        return new JGitSource(new GitSettings(repository, branch, root.resolve("state/mirror.git"),
                Duration.ofSeconds(10), Optional.empty(), Optional.empty()));
    }

    /** A source on {@code upstream}'s main whose mirror has fetched the one commit, "Release one", committed to it. */
    private JGitSource mirroringReleaseOne(Upstream upstream) {
        upstream.commit("main", "Release one", file("index.php", "one"));
        JGitSource source = sourceFor(upstream.fileUrl(), "main");
        source.newest();
        return source;
    }

    /** The contract against a fresh origin, read at the URL a subclass serves it at. */
    abstract class OriginAtAUrl implements ReleaseSourceContract {

        private Upstream upstream;
        private ReleaseSource source;

        abstract String url(Upstream origin);

        @BeforeEach
        void createOrigin() {
            upstream = upstream("origin.git");
            source = sourceFor(url(upstream), "main");
        }

        @Override
        public ReleaseSource source() {
            return source;
        }

        @Override
        public String commit(String file, String content, String message) {
            return upstream.commit("main", message, file(file, content));
        }
    }

    @Nested
    class OverFileUrls extends OriginAtAUrl {
        @Override
        String url(Upstream origin) {
            return origin.fileUrl();
        }
    }

    @Nested
    class OverTheGitProtocol extends OriginAtAUrl {
        @Override
        String url(Upstream origin) {
            return daemon().url("origin.git");
        }
    }

    @Test
    void aNewCommitIsFetchedIncrementallyIntoTheSameMirror() throws IOException {
        Upstream upstream = upstream("origin.git");
        upstream.commit("main", "Initial import", IntStream.range(0, 200)
                .mapToObj(i -> file("src/file-" + i + ".php", "<?php return " + i + ";")).toList());
        JGitSource source = sourceFor(daemon().url("origin.git"), "main");
        Revision first = source.newest();
        Path packs = root.resolve("state/mirror.git/objects/pack");
        Set<Path> packsAfterFirstFetch = packs(packs);

        String second = upstream.commit("main", "Change one file", file("src/file-7.php", "<?php return 'seven';"));
        Revision newest = source.newest();

        assertThat(newest.sha()).isEqualTo(second);
        Set<Path> packsAfterSecondFetch = packs(packs);
        assertThat(packsAfterSecondFetch).as("the first fetch's packs stay: no fresh clone")
                .containsAll(packsAfterFirstFetch);
        Set<Path> added = packsAfterSecondFetch.stream().filter(pack -> !packsAfterFirstFetch.contains(pack))
                .collect(Collectors.toSet());
        assertThat(added).hasSize(1);
        assertThat(objectsIn(added.iterator().next()))
                .as("the commit, two trees and a blob, plus the delta bases that complete a thin pack;"
                        + " not the other 200 files")
                .isLessThanOrEqualTo(8);
        assertThat(source.find(first.sha())).isNotEmpty();
    }

    @Test
    void eachPollIsOneConnectionThatFetchesOnlyWhenTheBranchMoved() throws IOException {
        Upstream upstream = upstream("origin.git");
        upstream.commit("main", "Release one", file("index.php", "one"));
        GitDaemon daemon = daemon();
        JGitSource source = sourceFor(daemon.url("origin.git"), "main");
        source.newest();
        Path packs = root.resolve("state/mirror.git/objects/pack");
        Set<Path> packsBefore = packs(packs);
        long connections = daemon.uploadPacks("origin.git");

        source.newest();

        assertThat(daemon.uploadPacks("origin.git")).as("an unchanged branch: one ref listing").isEqualTo(connections + 1);
        assertThat(packs(packs)).as("nothing fetched").isEqualTo(packsBefore);

        String second = upstream.commit("main", "Release two", file("index.php", "two"));
        assertThat(source.newest().sha()).isEqualTo(second);

        assertThat(daemon.uploadPacks("origin.git")).as("a moved branch: listed and fetched on one connection")
                .isEqualTo(connections + 2);
        try (Stream<Path> files = Files.list(packs)) {
            assertThat(files).as("the new pack is no longer locked once the branch points into it")
                    .noneMatch(path -> path.toString().endsWith(".keep"));
        }
    }

    @Test
    void aRepositoryOnThisMachineIsFetchedIncrementallyAndItsPushesAreSeen() throws IOException {
        // Served from within the agent, from a source kept open between polls: pushes made since must show.
        Upstream upstream = upstream("origin.git");
        upstream.commit("main", "Initial import", IntStream.range(0, 200)
                .mapToObj(i -> file("src/file-" + i + ".php", "<?php return " + i + ";")).toList());
        JGitSource source = sourceFor(upstream.fileUrl(), "main");
        source.newest();
        Path packs = root.resolve("state/mirror.git/objects/pack");

        for (int release = 2; release <= 4; release++) {
            Set<Path> before = packs(packs);
            String pushed = upstream.commit("main", "Release " + release, file("src/file-7.php", "<?php return " + release + ";"));

            assertThat(source.newest().sha()).isEqualTo(pushed);
            Set<Path> added = packs(packs).stream().filter(pack -> !before.contains(pack)).collect(Collectors.toSet());
            assertThat(added).hasSize(1);
            assertThat(objectsIn(added.iterator().next())).as("the commit, two trees and a blob; not the 200 files")
                    .isLessThanOrEqualTo(8);
        }
    }

    @Test
    void theFirstMirrorOfARepositoryOnThisMachineIsACopyOfItsObjects() throws IOException {
        Upstream upstream = upstream("origin.git");
        String first = upstream.commit("main", "Initial import", IntStream.range(0, 50)
                .mapToObj(i -> file("src/file-" + i + ".php", "<?php return " + i + ";")).toList());
        upstream.gc();
        String head = upstream.commit("main", "Loose, not yet packed", file("src/file-7.php", "<?php return 'seven';"));
        JGitSource source = sourceFor(upstream.fileUrl(), "main");

        Revision newest;
        try (CapturedLogs logs = CapturedLogs.of(Mirror.class)) {
            newest = source.newest();

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("copied the objects of", "into the mirror")
                    .doesNotContain("fetching it"));
        }

        assertThat(newest.sha()).isEqualTo(head);
        assertThat(packs(root.resolve("state/mirror.git/objects/pack")))
                .as("the source's pack, as it is").extracting(Path::getFileName)
                .containsExactlyInAnyOrderElementsOf(packs(root.resolve("served/origin.git/objects/pack")).stream()
                        .map(Path::getFileName).toList());
        assertThat(source.find(first)).isNotEmpty();
        Path release = root.resolve("release");
        source.export(newest, release);
        assertThat(release.resolve("src/file-7.php")).hasContent("<?php return 'seven';");
        assertThat(release.resolve("src/file-49.php")).hasContent("<?php return 49;");
    }

    @Test
    void aRepositoryOnThisMachineThatIsDeletedIsReportedMissing() throws IOException {
        Upstream upstream = upstream("origin.git");
        JGitSource source = mirroringReleaseOne(upstream);

        FileTrees.deleteRecursively(root.resolve("served/origin.git"));

        assertThatThrownBy(source::newest).isInstanceOf(SourceUnavailableException.class)
                .hasMessageStartingWith("there is no git repository at " + upstream.fileUrl());
    }

    @Test
    void aCommitInTheMirrorWithoutItsTreeIsStillFetched() throws IOException {
        Upstream upstream = upstream("origin.git");
        JGitSource source = mirroringReleaseOne(upstream);
        String head = upstream.commit("main", "Release two", file("index.php", "two"));
        // As a copy taken while a push was writing leaves it: the commit is there, its tree and blob are not.
        String loose = "objects/" + head.substring(0, 2) + "/" + head.substring(2);
        Path copied = root.resolve("state/mirror.git").resolve(loose);
        Files.createDirectories(copied.getParent());
        Files.copy(root.resolve("served/origin.git").resolve(loose), copied);

        Revision newest = source.newest();

        Path release = root.resolve("release-two");
        source.export(newest, release);
        assertThat(release.resolve("index.php")).hasContent("two");
    }

    @Test
    void aMirrorDeletedUnderTheRunningSourceIsMadeAgain() throws IOException {
        Upstream upstream = upstream("origin.git");
        String head = upstream.commit("main", "Release one", file("index.php", "one"));
        JGitSource source = sourceFor(upstream.fileUrl(), "main");
        source.newest();

        FileTrees.deleteRecursively(root.resolve("state/mirror.git"));

        assertThat(source.newest().sha()).isEqualTo(head);
        assertThat(source.find(head)).isNotEmpty();
    }

    @Test
    void aForcePushIsFollowedAndLogged() {
        Upstream upstream = upstream("origin.git");
        String before = upstream.commit("main", "Release one", file("index.php", "one"));
        JGitSource source = sourceFor(upstream.fileUrl(), "main");
        source.newest();

        String rewritten = upstream.forcePush("main", "Rewritten history", file("index.php", "rewritten"));
        Revision newest;
        try (CapturedLogs logs = CapturedLogs.of(Mirror.class)) {
            newest = source.newest();

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN").contains("force-pushed", rewritten.substring(0, 7), before.substring(0, 7)));
        }

        assertThat(newest.sha()).isEqualTo(rewritten);
        assertThat(source.find(before)).as("the mirror keeps the commit that was pushed away").isNotEmpty();
    }

    @Test
    void aDeletedBranchIsAClearError() {
        Upstream upstream = upstream("origin.git");
        String last = upstream.commit("main", "Release one", file("index.php", "one"));
        upstream.commit("develop", "Work in progress", file("index.php", "wip"));
        JGitSource source = sourceFor(upstream.fileUrl(), "main");
        source.newest();

        upstream.deleteBranch("main");

        assertThatThrownBy(source::newest).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("branch 'main' was deleted from " + upstream.fileUrl())
                .hasMessageContaining("develop")
                .hasMessageContaining(last.substring(0, 7))
                .hasMessageContaining("push the branch again");
    }

    @Test
    void aBranchThatNeverExistedIsAClearError() {
        Upstream upstream = upstream("origin.git");
        upstream.commit("main", "Release one", file("index.php", "one"));
        JGitSource source = sourceFor(daemon().url("origin.git"), "production");

        assertThatThrownBy(source::newest).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("branch 'production' does not exist in git://127.0.0.1:")
                .hasMessageContaining("its branches: main")
                .hasMessageContaining("check the branch name");
    }

    @Test
    void anEmptyRepositoryIsAClearErrorOverFileUrls() {
        Upstream upstream = upstream("empty.git");

        assertThatThrownBy(() -> sourceFor(upstream.fileUrl(), "main").newest())
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("the git repository " + upstream.fileUrl() + " is empty: push a first commit to branch"
                        + " 'main'");
    }

    @Test
    void anEmptyRepositoryIsAClearErrorOverTheGitProtocol() {
        upstream("empty.git");
        String url = daemon().url("empty.git");

        assertThatThrownBy(() -> sourceFor(url, "main").newest()).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("the git repository " + url + " is empty");
    }

    @Test
    void aClosedPortIsReportedQuicklyAsUnreachable() {
        String url = "git://127.0.0.1:" + Loopback.freePort() + "/origin.git";
        JGitSource source = sourceFor(url, "main");

        long started = System.nanoTime();
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class, source::newest);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        assertThat(failure).hasMessageStartingWith("cannot reach the git repository " + url + ": connection refused")
                .hasMessageContaining("Check that the git server is running");
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeout() throws IOException {
        // Over HTTP: JGit cannot time out a read over git:// on JDK 13+ (see Mirror#acquireFetchLock).
        ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        scratch.own(silent);
        String url = "http://127.0.0.1:" + silent.getLocalPort() + "/origin.git";
        JGitSource source = new JGitSource(new GitSettings(url, "main", root.resolve("mirror.git"),
                Duration.ofSeconds(1), Optional.empty(), Optional.empty()));

        long started = System.nanoTime();
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class, source::newest);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        assertThat(failure).hasMessage("cannot reach the git repository " + url + ": no answer within 1 s. Check the"
                + " network and firewalls between this machine and the git server, or raise the timeout");
    }

    @Test
    void aFetchHungOnASilentGitDaemonDoesNotBlockLaterFetchesForever() throws Exception {
        ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        silent.setSoTimeout(5_000);
        scratch.own(silent);
        JGitSource source = new JGitSource(new GitSettings("git://127.0.0.1:" + silent.getLocalPort() + "/app.git",
                "main", root.resolve("mirror.git"), Duration.ofSeconds(1), Optional.empty(), Optional.empty()));
        ExecutorService poller = Executors.newSingleThreadExecutor();
        scratch.own(poller::shutdownNow);
        Future<Revision> hung = poller.submit(source::newest);

        try (Socket accepted = silent.accept()) {
            long started = System.nanoTime();
            SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                    source::newest);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
            assertThat(failure).hasMessageContaining("another fetch of branch 'main'")
                    .hasMessageContaining("prefer https or ssh");
        }
        await("the hung fetch ends once the server hangs up").atMost(QUICKLY).until(hung::isDone);
    }

    @Test
    void anUnknownHostIsReportedQuicklyAsUnreachable() {
        String url = "https://no-such-host.invalid/shop/app.git";

        long started = System.nanoTime();
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> sourceFor(url, "main").newest());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        assertThat(failure).hasMessageContaining("cannot reach the git repository " + url)
                .hasMessageContaining("no-such-host.invalid").hasMessageContaining("not found")
                .hasMessageContaining("DNS");
    }

    @Test
    void aMissingRepositoryIsReportedAsSuch() {
        String fileUrl = root.resolve("nowhere.git").toUri().toString();
        upstream("origin.git");
        String gitUrl = daemon().url("nowhere.git");

        assertThatThrownBy(() -> sourceFor(fileUrl, "main").newest())
                .hasMessageStartingWith("there is no git repository at " + fileUrl);
        assertThatThrownBy(() -> sourceFor(gitUrl, "main").newest())
                .hasMessageStartingWith("there is no git repository at " + gitUrl);
    }

    @Test
    void refusedCredentialsAreReportedWithoutTheSecret() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        String url = refusingHttpServer(authorizations) + "/shop/app.git";
        JGitSource source = new JGitSource(new GitSettings(url, "main", root.resolve("mirror.git"),
                Duration.ofSeconds(10), Optional.of("deploy"), Optional.of("s3cr3t-token")));

        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class, source::newest);

        assertThat(failure).hasMessage("authentication refused by " + url + ": check the username and the secret");
        assertThat(stackTraceOf(failure)).doesNotContain("s3cr3t-token");
        assertThat(authorizations).as("the credentials were offered").contains(
                "Basic " + Base64.getEncoder().encodeToString("deploy:s3cr3t-token".getBytes()));
    }

    @Test
    void credentialsNeverAppearInFailures() {
        int closed = Loopback.freePort();
        // A password with '@' and ':' in it, where a naive pattern would cut the URL short.
        String url = "http://deploy:url-p@ss:w0rd@127.0.0.1:" + closed + "/shop/app.git";
        GitSettings settings = new GitSettings(url, "main", root.resolve("mirror.git"), Duration.ofSeconds(5),
                Optional.of("deploy"), Optional.of("s3cr3t-token"));

        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> new JGitSource(settings).newest());

        assertThat(failure).hasMessageContaining("http://127.0.0.1:" + closed + "/shop/app.git");
        assertThat(stackTraceOf(failure)).doesNotContain("s3cr3t-token", "url-p", "ss:w0rd");
        assertThat(settings.toString()).doesNotContain("s3cr3t-token", "url-p", "ss:w0rd");
    }

    @Test
    void shellMetacharactersInBranchesMessagesAndPathsAreInert() throws IOException {
        Path marker = root.resolve("pwned");
        String branch = "release;touch${IFS}" + marker + "&&`touch${IFS}" + marker + "`|$(touch${IFS}" + marker + ")";
        String message = "$(touch " + marker + ") `touch " + marker + "`; touch " + marker + " && echo \"'";
        String file = "public/$(touch " + marker + ");`id`.php";
        Upstream upstream = upstream("origin.git");
        String sha = upstream.commit(branch, message, file(file, "<?php echo 'ok';"));
        JGitSource source = sourceFor(daemon().url("origin.git"), branch);

        Revision newest = source.newest();
        source.export(newest, root.resolve("releases/1"));

        assertThat(newest.sha()).isEqualTo(sha);
        assertThat(newest.message()).isEqualTo(message);
        assertThat(root.resolve("releases/1").resolve(file)).hasContent("<?php echo 'ok';");
        assertThat(marker).doesNotExist();
    }

    @Test
    void revisionAtReadsTheHeadOfAHandMadeWorkTreeButNotOfAParentRepository() throws Exception {
        Upstream upstream = upstream("origin.git");
        String sha = upstream.commit("main", "Deployed by hand", file("index.php", "one"));
        Path workTree = root.resolve("srv/app");
        try (Git clone = Git.cloneRepository().setURI(upstream.fileUrl()).setDirectory(workTree.toFile()).call()) {
            Files.createDirectories(workTree.resolve("storage"));
        }
        JGitSource source = sourceFor(upstream.fileUrl(), "main");

        assertThat(source.revisionAt(workTree)).map(Revision::sha).contains(sha);
        assertThat(source.revisionAt(workTree)).map(Revision::author).contains("Dana Developer <dana@example.com>");
        assertThat(source.revisionAt(workTree.resolve("storage"))).isEmpty();
        assertThat(source.revisionAt(root.resolve("does-not-exist"))).isEmpty();
    }

    @Test
    void findFetchesACommitTheMirrorHasNotSeenYet() {
        Upstream upstream = upstream("origin.git");
        JGitSource source = mirroringReleaseOne(upstream);
        String later = upstream.commit("main", "Release two", file("index.php", "two"));

        assertThat(source.find(later.substring(0, 8))).extracting(Revision::sha).containsExactly(later);
    }

    private String refusingHttpServer(List<String> authorizations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(authorizations::add);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        scratch.own(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static Set<Path> packs(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".pack")).collect(Collectors.toSet());
        }
    }

    /** The object count from a pack's header: "PACK", version, count. */
    private static int objectsIn(Path pack) {
        try (FileChannel channel = FileChannel.open(pack)) {
            ByteBuffer header = ByteBuffer.allocate(12);
            channel.read(header, 0);
            return header.getInt(8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
