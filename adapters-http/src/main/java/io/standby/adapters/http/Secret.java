package io.standby.adapters.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The secret a forge and the agent share; it signs, or is compared, and is never printed. */
final class Secret {

    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** The secret as the forge and the agent share it; the app has read it from its variable and checked it. */
    static Secret of(String value) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of the data under this secret. */
    byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(value, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot compute HMAC-SHA256", e);
        }
    }

    /** HMAC-SHA256 under this secret of the prefix followed by the secret itself, as Gitee signs a timestamp. */
    byte[] signFollowedByItself(byte[] prefix) {
        byte[] data = Arrays.copyOf(prefix, prefix.length + value.length);
        System.arraycopy(value, 0, data, prefix.length, value.length);
        return sign(data);
    }

    /** The lower-case hex HMAC-SHA256 of the data, as GitHub and Gitea send it. */
    String signHex(byte[] data) {
        return HexFormat.of().formatHex(sign(data));
    }

    /** Whether the text is the secret itself, compared in a time that tells nothing of either. */
    boolean isSpelledBy(String text) {
        // Digests first: equal lengths, so not even the secret's length leaks through the comparison's time.
        return MessageDigest.isEqual(sha256(value), sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether two signatures as sent are the same, compared in constant time. */
    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(sha256(expected.getBytes(StandardCharsets.UTF_8)),
                sha256(given.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime cannot compute SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "(redacted)";
    }
}
