package io.standby.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.standby.app.cli.Ran.standby;
import static org.assertj.core.api.Assertions.assertThat;

/** A command builds the model of the one verb it runs; whatever speaks of the verbs gets them all. */
class VerbsTest {

    private static final List<String> EVERY_VERB = List.of("run", "deploy", "rollback", "status", "history", "fleet",
            "nginx-config", "haproxy-config", "check-config", "help", "generate-completion", "archive-training");

    @ParameterizedTest
    @ValueSource(strings = {"status -c a.yml", "-c a.yml status", "--config a.yml status --json", "--config=a.yml status",
            "-ca.yml status"})
    void theVerbTheArgumentsNameIsTheOnlyOneBuilt(String args) {
        assertThat(StandbyCommand.commandLine(args.split(" ")).getSubcommands()).containsOnlyKeys("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h status", "help status", "generate-completion", "stauts", "--version"})
    void theUsageHelpCompletionAndAMisspelledVerbGetEveryVerb(String args) {
        String[] split = args.isEmpty() ? new String[0] : args.split(" ");

        assertThat(StandbyCommand.commandLine(split).getSubcommands().keySet()).containsExactlyElementsOf(EVERY_VERB);
    }

    @Test
    void theArchivesTrainingIsNoVerbOfTheUsage() {
        Ran ran = standby("--help");

        assertThat(ran.out()).contains("status", "history").doesNotContain("archive-training");
    }

    @Test
    void aMisspelledVerbIsStillAnsweredWithTheVerbMeant() {
        Ran ran = standby("stauts");

        assertThat(ran.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ran.err()).contains("'stauts'").contains("status");
    }

    @Test
    void helpBeforeAVerbStillListsEveryVerb() {
        Ran ran = standby("-h", "status");

        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("Usage: standby", "deploy", "rollback", "check-config");
    }
}
