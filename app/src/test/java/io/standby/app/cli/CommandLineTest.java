package io.standby.app.cli;

import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import java.time.Instant;

import io.standby.app.config.ConfigLoaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.standby.app.cli.Ran.standby;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line's conventions, through picocli as Main runs it, without a server behind it. */
class CommandLineTest {

    private static final List<String> VERBS = List.of("run", "deploy", "rollback", "status", "history", "fleet",
            "nginx-config", "haproxy-config", "check-config");
    private static final List<String> FLEET_VERBS = List.of("status", "promote", "pause", "resume", "abort");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "deploy", "rollback", "status", "history", "nginx-config", "haproxy-config", "check-config"})
    void theConfigurationFileIsNamedAfterTheVerb(String verb) {
        Path missing = dir.resolve("after.yml");

        Ran ran = standby(verb, "-c", missing.toString());

        assertThat(ran.err()).contains("configuration file " + missing + " does not exist").doesNotContain("Unknown option");
        assertThat(ran.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void theConfigurationFileIsNamedBeforeTheVerbToo() {
        Path missing = dir.resolve("before.yml");

        Ran ran = standby("--config", missing.toString(), "deploy", "--revision", "abc1234");

        assertThat(ran.err()).contains("configuration file " + missing + " does not exist");
    }

    @Test
    void aJournalCommandReadsTheFileNamedAfterTheVerb() throws IOException {
        Path config = config("main");

        Ran ran = standby("status", "--config", config.toString());

        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("app:          shop").contains("live:         nothing yet");
    }

    @Test
    void aJournalFromANewerStandbyIsAnEnvironmentProblemAndIsLeftAsItIs() throws IOException {
        Path config = config("main");
        Path live = Files.createDirectories(dir.resolve("state")).resolve("live.json");
        String newer = "{\"schema\":2,\"serving\":\"20270101000000-abcdef0\"}";
        Files.writeString(live, newer);

        Ran ran = standby("status", "-c", config.toString());

        assertThat(ran.exit()).as(ran.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(ran.err()).contains(live + " was written by a newer Standby (journal schema 2")
                .contains("upgrade standby").doesNotContain("bug");
        assertThat(live).hasContent(newer);
    }

    @Test
    void aValueGitWouldRefuseIsTheConfigurationsFault() throws IOException {
        Path config = config("'-upload-pack=touch'");

        Ran ran = standby("check-config", "-c", config.toString());

        assertThat(ran.exit()).as(ran.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ran.err()).contains(config.toString(), "'-upload-pack=touch' is not a valid branch name").doesNotContain("bug");
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnUsageAndTheConfigOption() {
        for (String verb : StandbyCommand.commandLine().getSubcommands().keySet()) {
            Ran ran = standby(verb, "--help");

            assertThat(ran.exit()).as(verb + ": " + ran.err()).isZero();
            assertThat(ran.out()).as(verb).contains("Usage: standby " + verb);
            if (VERBS.contains(verb)) {
                assertThat(ran.out()).as(verb).contains("-c, --config=FILE");
            }
        }
    }

    @Test
    void helpNamesAVerbToExplainIt() {
        Ran ran = standby("help", "deploy");

        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).startsWith("Usage: standby deploy").contains("--revision=SHA");
    }

    @Test
    void theUsageListsEveryVerbWithHelpAndCompletion() {
        Ran ran = standby("--help");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).contains(VERBS).contains("help", "generate-completion");
    }

    @Test
    void aCompletionScriptForBashAndZshIsGenerated() {
        Ran ran = standby("generate-completion");

        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_standby")
                .contains(VERBS).contains("--config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "promote", "pause", "resume", "abort"})
    void aFleetCommandOnAServerWithoutAFleetIsTheConfigurationsFaultAndContactsNothing(String verb) throws IOException {
        Path config = config("main");

        Ran ran = standby("fleet", verb, "--json", "-c", config.toString());

        assertThat(ran.exit()).as(ran.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ran.err()).contains(config + " has no fleet section").contains("README's \"Fleets\"");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void theFleetsVerbsAnswerHelpAndAFleetWithoutOneIsAMistake() {
        Ran usage = standby("fleet", "--help");
        Ran bare = standby("fleet");

        assertThat(usage.exit()).as(usage.err()).isZero();
        assertThat(usage.out()).contains("Usage: standby fleet").contains(FLEET_VERBS);
        for (String verb : FLEET_VERBS) {
            Ran help = standby("fleet", verb, "--help");
            assertThat(help.exit()).as(verb + ": " + help.err()).isZero();
            assertThat(help.out()).as(verb).contains("Usage: standby fleet " + verb, "--json", "-c, --config=FILE");
        }
        assertThat(bare.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bare.err()).contains("give what to do: standby fleet status|promote|pause|resume|abort");
    }

    /** The test's file with HAProxy as its router, its state in the test's directory. */
    private Path haproxyConfig() throws IOException {
        return Files.writeString(dir.resolve("shop.yml"), ConfigLoaderTest.VALID
                .replace("state-dir: /var/lib/standby/shop", "state-dir: " + dir.resolve("state"))
                .replaceAll("(?s)router:.*", "router:\n  kind: haproxy\n  haproxy:\n    socket: " + dir.resolve("admin.sock")
                        + "\n    backend: shop\n    config-file: " + dir.resolve("haproxy.cfg") + "\n"));
    }

    @Test
    void haproxyConfigPrintsTheBackendForTheConfiguredSlotsAndSocket() throws IOException {
        Path config = haproxyConfig();

        Ran ran = standby("haproxy-config", "-c", config.toString(), "--bind", "127.0.0.1:8080", "--live", "green");

        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("stats socket " + dir.resolve("admin.sock") + " mode 600 level admin",
                "bind 127.0.0.1:8080", "backend shop", "server blue 127.0.0.1:9501 check disabled",
                "server green 127.0.0.1:9502 check\n");
    }

    @Test
    void haproxyConfigRoutesToTheJournalsLiveSlotUnlessTold() throws IOException {
        Path config = haproxyConfig();
        assertThat(standby("haproxy-config", "-c", config.toString()).out())
                .as("nothing live yet").contains("server blue 127.0.0.1:9501 check\n", "server green 127.0.0.1:9502 check disabled");

        Revision v2 = new Revision("c".repeat(40), "Ann <ann@example.com>", "v2", Instant.parse("2026-03-02T10:00:00Z"));
        Release release = new Release(ReleaseId.of(v2.committedAt(), v2), v2, dir.resolve("state/releases/v2"));
        JournalReports.store(dir.resolve("state")).saveLive(new LiveRelease(release, new Slot("green", 9502), v2.committedAt()));

        assertThat(standby("haproxy-config", "-c", config.toString()).out())
                .contains("server blue 127.0.0.1:9501 check disabled", "server green 127.0.0.1:9502 check\n");
        assertThat(standby("haproxy-config", "-c", config.toString(), "--live", "blue").out())
                .contains("server blue 127.0.0.1:9501 check\n");
    }

    @Test
    void haproxyConfigIsRefusedForAnotherRouter() throws IOException {
        Ran ran = standby("haproxy-config", "-c", config("main").toString());

        assertThat(ran.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ran.err()).contains("router.kind: haproxy");
    }

    @Test
    void anUnknownOptionIsAMistakeInTheRequest() {
        Ran ran = standby("status", "--colour");

        assertThat(ran.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ran.err()).contains("Unknown option: '--colour'");
    }

    /** The config tests' smallest valid file, with its journal in the test's directory. */
    private Path config(String branch) throws IOException {
        return Files.writeString(dir.resolve("shop.yml"), ConfigLoaderTest.VALID
                .replace("state-dir: /var/lib/standby/shop", "state-dir: " + dir.resolve("state"))
                .replace("  branch: main", "  branch: " + branch));
    }
}
