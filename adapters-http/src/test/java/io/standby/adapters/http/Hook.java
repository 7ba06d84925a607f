package io.standby.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A hook request as a forge would send it: its headers and its raw body. */
record Hook(Map<String, String> headers, byte[] body) {

    Hook {
        headers = Map.copyOf(headers);
    }

    Hook with(String header, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(header, value);
        return new Hook(changed, body);
    }

    Hook without(String header) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.remove(header);
        return new Hook(changed, body);
    }

    /** The same headers, signature included, over another body: what a tampering relay would send. */
    Hook withBody(byte[] other) {
        return new Hook(headers, other);
    }
}
