package io.standby.adapters.http;

import com.sun.net.httpserver.Headers;
import io.standby.domain.fakes.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The verifiers against the worked examples the forges publish, so that they do not only agree with our tests. */
class VerifiersTest {

    private static Delivery delivery(String body, String... headers) {
        Headers all = new Headers();
        for (int i = 0; i < headers.length; i += 2) {
            all.add(headers[i], headers[i + 1]);
        }
        return new Delivery(all, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Secret secret(String value) {
        return Secret.of(value);
    }

    /**
     * "Testing the webhook payload validation" in GitHub's "Validating webhook deliveries": the secret, the body and
     * its HMAC-SHA256. Gitea signs the same way, without GitHub's {@code sha256=} prefix.
     */
    static Stream<Arguments> bodySignatures() {
        Secret secret = secret("It's a Secret to Everybody");
        String digest = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        return Stream.of(
                arguments("GitHub's own example is accepted, for its body only", BodySignatureVerifier.gitHub(secret),
                        delivery("Hello, World!", "X-Hub-Signature-256", "sha256=" + digest),
                        delivery("Hello, World?", "X-Hub-Signature-256", "sha256=" + digest)),
                arguments("Gitea takes the same digest without its prefix", BodySignatureVerifier.gitea(secret),
                        delivery("Hello, World!", "X-Gitea-Signature", digest),
                        delivery("Hello, World!", "X-Gitea-Signature", "sha256=" + digest)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodySignatures")
    void aBodySignatureIsAcceptedOnlyAsTheForgeWritesIt(String example, PushVerifier verifier, Delivery signed,
                                                       Delivery refused) {
        assertThat(verifier.refusal(signed)).isEmpty();
        assertThat(verifier.refusal(refused)).isPresent();
    }

    @Test
    void gitLabTokenMustBeTheWholeSecret() {
        GitLabVerifier verifier = new GitLabVerifier(secret("s3cret-token"));

        assertThat(verifier.refusal(delivery("{}", "X-Gitlab-Token", "s3cret-token"))).isEmpty();
        assertThat(verifier.refusal(delivery("{}", "X-Gitlab-Token", "s3cret"))).isPresent();
        assertThat(verifier.refusal(delivery("{}", "X-Gitlab-Token", "s3cret-token2"))).isPresent();
    }

    @Test
    void giteeSignatureIsTheBase64OfTheTimestampAndKeySigned() {
        // Computed as the Java example in Gitee's "WebHook 密钥验证和验证算法" does, before its URL encoding.
        Instant at = Instant.ofEpochMilli(1576754827988L);
        GiteeVerifier verifier = new GiteeVerifier(secret("this is secret"), new ManualClock(at),
                TestSettings.MAX_CLOCK_SKEW);
        String sign = Base64.getEncoder().encodeToString(ForgeSender.hmac("this is secret",
                "1576754827988\nthis is secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(verifier.refusal(delivery("{}", "X-Gitee-Token", sign, "X-Gitee-Timestamp", "1576754827988"))).isEmpty();
        assertThat(verifier.refusal(delivery("{}", "X-Gitee-Token", sign, "X-Gitee-Timestamp", "1576754827989"))).isPresent();
        assertThat(verifier.refusal(delivery("{}", "X-Gitee-Token", sign, "X-Gitee-Timestamp", "-1"))).isPresent();
        assertThat(verifier.refusal(delivery("{}", "X-Gitee-Token", sign,
                "X-Gitee-Timestamp", "99999999999999999999999"))).isPresent();
    }

    @Test
    void theSecretNeverPrintsItself() {
        assertThat(secret("hunter2").toString()).doesNotContain("hunter2");
    }
}
