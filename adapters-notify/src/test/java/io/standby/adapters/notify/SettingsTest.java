package io.standby.adapters.notify;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings refuse what cannot work, and never print a token. */
class SettingsTest {

    @Test
    void retriesPauseOneTwoFourSecondsByDefaultUpToTheCeiling() {
        assertThat(RetryPolicy.DEFAULT.attempts()).isEqualTo(3);
        assertThat(RetryPolicy.DEFAULT.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.DEFAULT.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.DEFAULT.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5)).delayAfter(9)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void printedSettingsNameTheHostButNoTokenOrSecret() {
        String printed = List.of(
                new SlackSettings("https://hooks.slack.com/services/T0/B0/s3cretpath", null),
                new DingTalkSettings("https://oapi.dingtalk.com/robot/send?access_token=s3cret", Optional.of("SECs3cret"), null),
                new WeComSettings("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=s3cret", null),
                new WebhookSettings("https://ops.example.com/hook/s3cret", Map.of("Authorization", "Bearer s3cret"), null)).toString();

        assertThat(printed).doesNotContain("s3cret")
                .contains("https://hooks.slack.com", "https://oapi.dingtalk.com", "https://qyapi.weixin.qq.com",
                        "https://ops.example.com", "Authorization=(redacted)", "secret=(redacted)");
    }

    @Test
    void urlThatIsNotHttpIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new SlackSettings("hooks.slack.com/services/T0/B0/s3cret", null))
                .hasMessageContaining("absolute http or https URL").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new WeComSettings("https://qyapi weixin/send?key=s3cret", null))
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("s3cret");
    }

    @Test
    void headersTheClientSetsItselfAreRefused() {
        assertThatThrownBy(() -> new WebhookSettings("https://ops.example.com/hook", Map.of("Content-Type", "text/plain"), null))
                .hasMessageContaining("'Content-Type' is set by Standby itself");
        assertThatThrownBy(() -> new WebhookSettings("https://ops.example.com/hook", Map.of("X-Token", "a\nb"), null))
                .hasMessageContaining("line break");
    }

    @Test
    void blankDingTalkSecretIsRefused() {
        assertThatThrownBy(() -> new DingTalkSettings("https://oapi.dingtalk.com/robot/send?access_token=t", Optional.of(" "), null))
                .hasMessageContaining("signing secret is blank");
    }

    @Test
    void moduleProvidesOneNotificationsForTheAgent() {
        Injector injector = Guice.createInjector(new NotifyModule(new NotifySettings("shop",
                List.of(new SlackSettings("https://hooks.slack.com/services/T0/B0/x", null)))));

        Notifications notifications = injector.getInstance(Notifications.class);

        assertThat(injector.getInstance(Notifications.class)).isSameAs(notifications);
        notifications.close();
    }
}
