package io.standby.adapters.notify;

/** Where one notifier posts, and how long it may take: one record per kind of service. */
public sealed interface NotifierSettings permits WebhookSettings, SlackSettings, DingTalkSettings, WeComSettings {

    /** The URL to post to; it holds the service's token, so it is never printed whole. */
    String url();

    HttpTimeouts timeouts();
}
