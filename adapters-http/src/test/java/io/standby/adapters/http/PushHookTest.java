package io.standby.adapters.http;

import io.standby.domain.fakes.InMemoryReleaseStore;
import io.standby.domain.fakes.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each forge's push hook, sent over real HTTP on loopback the way the forge sends it. */
class PushHookTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final int BODY_LIMIT = 16 * 1024;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RecordingSignal signal = new RecordingSignal();
    private Listener listener;
    private Http http;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private void listenFor(Forge forge) throws IOException {
        PushHook hook = PushHook.of(TestSettings.webhook(forge, SECRET), clock, signal);
        listener = new Listener(new ListenSettings("127.0.0.1", 0, BODY_LIMIT), Optional.of(hook),
                new ReleaseMetrics(new InMemoryReleaseStore()), () -> "{}");
        listener.start();
        http = new Http(listener.port());
    }

    private boolean woken() {
        return signal.takePush();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void signedPushToTheFollowedBranchWakesThePoller(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(), forge.push(forge.samplePush(), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).startsWith("accepted: a push to main");
        assertThat(woken()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void wrongSecretIsRefusedAndWakesNothing(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(),
                forge.push(forge.samplePush(), "not the secret", clock.now()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).startsWith("refused: ").doesNotContain(SECRET);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void missingSignatureIsRefused(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(),
                forge.push(forge.samplePush(), SECRET, clock.now()).without(forge.signatureHeader));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no " + forge.signatureHeader);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ForgeSender.class, names = {"GITHUB", "GITEA"})
    void signatureOverAnotherBodyIsRefused(ForgeSender forge) throws Exception {
        listenFor(forge.forge);
        Hook signedForOtherBranch = forge.push(forge.samplePushTo("feature/login"), SECRET, clock.now());

        HttpResponse<String> response = http.post(forge.forge.path(), signedForOtherBranch.withBody(forge.samplePush()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void pushToAnotherBranchIsAcceptedButWakesNothing(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(),
                forge.push(forge.samplePushTo("feature/login"), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).startsWith("ignored: a push to another branch");
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void branchWhoseNameOnlyStartsLikeTheFollowedOneWakesNothing(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(),
                forge.push(forge.samplePushTo("main-old"), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void pingOrOtherEventIsAcceptedButWakesNothing(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(), forge.notAPush(SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).startsWith("ignored: ");
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void bodyDeclaredLargerThanTheLimitIsRefused(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.post(forge.forge.path(), forge.push(oversized(forge), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void chunkedBodyLargerThanTheLimitIsRefused(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.postChunked(forge.forge.path(),
                forge.push(oversized(forge), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void chunkedPushWithinTheLimitIsRead(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.postChunked(forge.forge.path(),
                forge.push(forge.samplePush(), SECRET, clock.now()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(woken()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void getOnTheHookIsNotAllowed(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        HttpResponse<String> response = http.get(forge.forge.path());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void otherForgesPathsAndUnknownPathsAreNotFound(ForgeSender forge) throws Exception {
        listenFor(forge.forge);
        Forge other = forge.forge == Forge.GITHUB ? Forge.GITEA : Forge.GITHUB;

        assertThat(http.post(other.path(), forge.push(forge.samplePush(), SECRET, clock.now())).statusCode()).isEqualTo(404);
        assertThat(http.post(forge.forge.path() + "/", forge.push(forge.samplePush(), SECRET, clock.now())).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/hooks").statusCode()).isEqualTo(404);
        assertThat(http.get("/../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(woken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ForgeSender.class)
    void everyPushOfABurstIsToldToThePoller(ForgeSender forge) throws Exception {
        listenFor(forge.forge);

        for (int i = 0; i < 5; i++) {
            assertThat(http.post(forge.forge.path(), forge.push(forge.samplePush(), SECRET, clock.now())).statusCode())
                    .isEqualTo(202);
        }

        // The app's clock makes them one early poll (SystemClockTest); the hook only passes each on.
        assertThat(signal.told()).isEqualTo(5);
    }

    @Test
    void signedBodyThatIsNotJsonIsABadRequest() throws Exception {
        listenFor(Forge.GITHUB);
        byte[] form = "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%7D".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(Forge.GITHUB.path(), ForgeSender.GITHUB.push(form, SECRET, clock.now())
                .with("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("application/json");
        assertThat(woken()).isFalse();
    }

    @Test
    void unsignedGitHubPingIsRefused() throws Exception {
        listenFor(Forge.GITHUB);

        HttpResponse<String> response = http.post(Forge.GITHUB.path(),
                ForgeSender.GITHUB.notAPush(SECRET, clock.now()).without("X-Hub-Signature-256"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Nested
    class Gitee {

        @Test
        void passwordInsteadOfASignatureIsAccepted() throws Exception {
            listenFor(Forge.GITEE);
            Hook withPassword = ForgeSender.GITEE.push(ForgeSender.GITEE.samplePush(), SECRET, clock.now())
                    .with("X-Gitee-Token", SECRET);

            HttpResponse<String> response = http.post(Forge.GITEE.path(), withPassword);

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(woken()).isTrue();
        }

        static Stream<Arguments> signingTimes() {
            Duration beyond = TestSettings.MAX_CLOCK_SKEW.plusSeconds(1);
            return Stream.of(
                    arguments("from beyond the allowed skew is refused", beyond.negated(), false),
                    arguments("from the future beyond the skew is refused", beyond, false),
                    arguments("within the skew is accepted", TestSettings.MAX_CLOCK_SKEW.minusSeconds(1).negated(), true));
        }

        @ParameterizedTest(name = "a signature {0}")
        @MethodSource("signingTimes")
        void aSignatureIsTakenOnlyWithinTheAllowedSkew(String when, Duration fromNow, boolean accepted) throws Exception {
            listenFor(Forge.GITEE);

            HttpResponse<String> response = http.post(Forge.GITEE.path(),
                    ForgeSender.GITEE.push(ForgeSender.GITEE.samplePush(), SECRET, clock.now().plus(fromNow)));

            if (accepted) {
                assertThat(response.statusCode()).isEqualTo(202);
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.body()).contains("X-Gitee-Timestamp");
                assertThat(woken()).isFalse();
            }
        }

        @Test
        void signatureWithoutItsTimestampIsRefused() throws Exception {
            listenFor(Forge.GITEE);

            HttpResponse<String> response = http.post(Forge.GITEE.path(),
                    ForgeSender.GITEE.push(ForgeSender.GITEE.samplePush(), SECRET, clock.now()).without("X-Gitee-Timestamp"));

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    /** The forge's sample push, padded with whitespace (still valid JSON) to twice the body limit. */
    private static byte[] oversized(ForgeSender forge) {
        byte[] sample = forge.samplePush();
        byte[] padded = Arrays.copyOf(sample, 2 * BODY_LIMIT);
        Arrays.fill(padded, sample.length, padded.length, (byte) ' ');
        return padded;
    }
}
