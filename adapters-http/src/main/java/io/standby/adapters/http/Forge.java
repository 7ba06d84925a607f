package io.standby.adapters.http;

import java.util.Optional;

/**
 * A forge whose push hooks Standby understands. Each has its own path: Gitea also sends GitHub's event header, and
 * Gitee's event names are GitLab's, so telling them apart by headers alone would be a guess.
 */
public enum Forge {
    /** {@code X-GitHub-Event: push}, signed in {@code X-Hub-Signature-256}; a new hook first sends a {@code ping}. */
    GITHUB("github", "X-GitHub-Event", "push", Optional.of("ping")),
    /** {@code X-Gitlab-Event: Push Hook}, with the secret token itself in {@code X-Gitlab-Token}. */
    GITLAB("gitlab", "X-Gitlab-Event", "Push Hook", Optional.empty()),
    /** {@code X-Gitea-Event: push}, signed in {@code X-Gitea-Signature}; Forgejo sends the same. */
    GITEA("gitea", "X-Gitea-Event", "push", Optional.empty()),
    /** {@code X-Gitee-Event: Push Hook}, with the password or a timestamp signature in {@code X-Gitee-Token}. */
    GITEE("gitee", "X-Gitee-Event", "Push Hook", Optional.empty());

    private final String name;
    private final String eventHeader;
    private final String pushEvent;
    private final Optional<String> pingEvent;

    Forge(String name, String eventHeader, String pushEvent, Optional<String> pingEvent) {
        this.name = name;
        this.eventHeader = eventHeader;
        this.pushEvent = pushEvent;
        this.pingEvent = pingEvent;
    }

    /** The name used in the configuration and in the hook's path. */
    public String configName() {
        return name;
    }

    /** Where the forge is to send its push hook, e.g. {@code /hooks/github}. */
    public String path() {
        return "/hooks/" + name;
    }

    /** The forge named in the configuration: {@code github}, {@code gitlab}, {@code gitea} or {@code gitee}. */
    public static Forge named(String name) {
        for (Forge forge : values()) {
            if (forge.name.equals(name)) {
                return forge;
            }
        }
        throw new IllegalArgumentException("webhook forge '" + name + "' is not one Standby knows:"
                + " give github, gitlab, gitea (also for Forgejo) or gitee");
    }

    String eventHeader() {
        return eventHeader;
    }

    boolean isPush(String event) {
        return pushEvent.equals(event);
    }

    boolean isPing(String event) {
        return pingEvent.filter(event::equals).isPresent();
    }
}
