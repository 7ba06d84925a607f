package io.standby.adapters.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.0 request on its own connection: no pooling, so nothing carries over between checks. */
final class Http {

    private Http() {
    }

    /** The body of a 200 answer from 127.0.0.1:port; an exception for anything else. */
    static String get(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: standby.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200")) {
                throw new IllegalStateException("not a 200 answer from port " + port + ": " + response.lines().findFirst().orElse(""));
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on port " + port + " failed: " + e.getMessage(), e);
        }
    }

    static int servedBy(int port) {
        return Integer.parseInt(get(port, "/").strip());
    }
}
