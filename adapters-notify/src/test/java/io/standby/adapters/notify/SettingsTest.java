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

/** Settings never print a token, and a URL that is not one is refused without being quoted. */
class SettingsTest {

    @Test
    void retriesPauseOneTwoFourSecondsUpToTheCeiling() {
        assertThat(TestSettings.RETRIES.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TestSettings.RETRIES.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TestSettings.RETRIES.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5)).delayAfter(9)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void printedSettingsNameTheHostButNoTokenOrSecret() {
        String printed = List.of(
                new SlackSettings("https://hooks.slack.com/services/T0/B0/s3cretpath", TestSettings.TIMEOUTS),
                new DingTalkSettings("https://oapi.dingtalk.com/robot/send?access_token=s3cret", Optional.of("SECs3cret"), TestSettings.TIMEOUTS),
                new WeComSettings("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=s3cret", TestSettings.TIMEOUTS),
                new WebhookSettings("https://ops.example.com/hook/s3cret", Map.of("Authorization", "Bearer s3cret"), TestSettings.TIMEOUTS)).toString();

        assertThat(printed).doesNotContain("s3cret")
                .contains("https://hooks.slack.com", "https://oapi.dingtalk.com", "https://qyapi.weixin.qq.com",
                        "https://ops.example.com", "Authorization=(redacted)", "secret=(redacted)");
    }

    @Test
    void urlThatIsNotHttpIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new SlackSettings("hooks.slack.com/services/T0/B0/s3cret", TestSettings.TIMEOUTS))
                .hasMessageContaining("absolute http or https URL").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new WeComSettings("https://qyapi weixin/send?key=s3cret", TestSettings.TIMEOUTS))
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("s3cret");
    }

    @Test
    void moduleProvidesOneNotificationsForTheAgent() {
        Injector injector = Guice.createInjector(new NotifyModule(TestSettings.notify(
                List.of(new SlackSettings("https://hooks.slack.com/services/T0/B0/x", TestSettings.TIMEOUTS)))));

        Notifications notifications = injector.getInstance(Notifications.class);

        assertThat(injector.getInstance(Notifications.class)).isSameAs(notifications);
        notifications.close();
    }
}
