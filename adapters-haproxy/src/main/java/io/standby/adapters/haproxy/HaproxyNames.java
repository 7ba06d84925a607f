package io.standby.adapters.haproxy;

import java.util.regex.Pattern;

/** HAProxy's own rule for proxy and server names, for the app's configuration and for {@link MinimalHaproxyConfig}. */
public final class HaproxyNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private HaproxyNames() {
    }

    /** Whether HAProxy takes this as a backend's or a server's name: letters, digits, '_', '.', ':' and '-'. */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }
}
