package io.standby.adapters.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A notifier's URL, which is a secret: Slack's path, DingTalk's access_token and WeCom's key each let anyone post.
 * Logs and settings print only its {@link #publicForm() scheme, host and port}.
 */
record Endpoint(URI uri) {

    Endpoint {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            // The URL itself is not quoted: it may hold the token.
            throw new IllegalArgumentException("notify url must be an absolute http or https URL with a host, e.g."
                    + " https://hooks.slack.com/services/...; the one given is not (scheme '" + scheme + "')");
        }
    }

    static Endpoint of(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return new Endpoint(URI.create(url.strip()));
        } catch (IllegalArgumentException e) {
            if (e.getCause() != null) {
                throw new IllegalArgumentException("notify url is not a valid URL: check it for spaces or unescaped characters");
            }
            throw e;
        }
    }

    String publicForm() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return publicForm() + "/(redacted)";
    }
}
