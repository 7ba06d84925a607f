package io.standby.app.state;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemWorkspaceTest {

    @TempDir
    Path dir;

    private Path shared;
    private FileSystemWorkspace workspace;
    private Release release;

    @BeforeEach
    void exportARelease() throws IOException {
        shared = dir.resolve("state/shared");
        workspace = new FileSystemWorkspace(dir.resolve("releases"), dir.resolve("state/logs"),
                new SharedPaths(shared, List.of(Path.of(".env")), List.of(Path.of("storage"), Path.of("public/uploads"))));
        Revision revision = new Revision("0123456789abcdef0123456789abcdef01234567", "Ada", "v2", Instant.EPOCH);
        ReleaseId id = ReleaseId.of(Instant.parse("2026-11-29T03:00:00Z"), revision);
        release = new Release(id, revision, workspace.directoryOf(id));
        // What the commit brings at the shared paths: a placeholder storage/ and no .env.
        Files.createDirectories(release.directory().resolve("storage/cache"));
        Files.writeString(release.directory().resolve("storage/cache/stale"), "from git");
    }

    @Test
    void aMissingSharedFileIsReportedWithTheFixAndNothingIsInvented() {
        Outcome outcome = workspace.prepare(release);

        assertThat(outcome).isEqualTo(Outcome.failed("the shared file .env is missing: create " + shared.resolve(".env")
                + " (every release links to it, so it is kept across releases), or remove it from shared.files"));
        assertThat(shared.resolve(".env")).doesNotExist();
    }

    @Test
    void sharedPathsAreLinkedIntoTheReleaseAndTheCommitsCopiesGiveWay() throws IOException {
        Files.createDirectories(shared);
        Files.writeString(shared.resolve(".env"), "DB_PASSWORD=kept\n");

        assertThat(workspace.prepare(release)).isEqualTo(Outcome.done());

        Path dirOfRelease = release.directory();
        assertThat(dirOfRelease.resolve(".env")).isSymbolicLink().hasContent("DB_PASSWORD=kept");
        assertThat(Files.readSymbolicLink(dirOfRelease.resolve("storage"))).isEqualTo(shared.resolve("storage"));
        assertThat(shared.resolve("storage")).isEmptyDirectory();
        assertThat(Files.readSymbolicLink(dirOfRelease.resolve("public/uploads"))).isEqualTo(shared.resolve("public/uploads"));
    }

    @Test
    void whatOneReleaseWritesToASharedDirectoryTheNextOneSees() throws IOException {
        Files.createDirectories(shared);
        Files.writeString(shared.resolve(".env"), "");
        workspace.prepare(release);
        Files.writeString(release.directory().resolve("storage/session"), "alive");

        Revision next = new Revision("fedcba9876543210fedcba9876543210fedcba98", "Ada", "v3", Instant.EPOCH);
        ReleaseId id = ReleaseId.of(Instant.parse("2026-11-29T03:05:00Z"), next);
        Release third = new Release(id, next, workspace.directoryOf(id));
        Files.createDirectories(third.directory());
        workspace.prepare(third);

        assertThat(third.directory().resolve("storage/session")).hasContent("alive");
    }

    @Test
    void theRoleFileSaysThePartTheReleasePlays() {
        assertThat(workspace.mark(release, Role.CANDIDATE)).isEqualTo(Outcome.done());
        assertThat(release.directory().resolve("STANDBY_ROLE")).hasContent("candidate");

        workspace.mark(release, Role.LIVE);

        assertThat(release.directory().resolve("STANDBY_ROLE")).hasContent("live");
    }

    @Test
    void anAdoptedInstanceIsMarkedInTheDirectoryItRunsFrom() throws IOException {
        Path handMade = Files.createDirectories(dir.resolve("current"));
        Release adopted = new Release(ReleaseId.of(Instant.EPOCH, release.revision()), release.revision(), handMade);

        assertThat(workspace.mark(adopted, Role.DRAINING)).isEqualTo(Outcome.done());

        assertThat(handMade.resolve("STANDBY_ROLE")).hasContent("draining");
        assertThat(workspace.directoryOf(adopted.id())).doesNotExist();
    }
}
