package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sample app installed by composer once per test class, since that takes a while, and a directory of each test's
 * own to copy releases into; when the test ends, every process of the sample app under it is killed, whatever
 * daemonized. {@code @RegisterExtension static final SampleApps apps = new SampleApps();}
 */
final class SampleApps implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Scratch scratch = new Scratch();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path template;

    /** The installed app to copy releases (and their vendor/) from; see {@link SampleApp#installedCopy}. */
    Path template() {
        return template;
    }

    /** The running test's directory. */
    Path work() {
        return scratch.dir();
    }

    /** What the instance in the slot answers, asked on its own port as the health probe asks, not through a proxy. */
    HttpResponse<String> get(Slot slot, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slot.port() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Closes the resource when the test ends, before the sample app's processes are killed. */
    <T extends AutoCloseable> T own(T resource) {
        return scratch.own(resource);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scratch.beforeAll(context);
        template = SampleApp.installedTemplate(scratch.dir());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        scratch.beforeEach(context);
        Path work = scratch.dir();
        scratch.own(() -> SampleApp.killEverythingUnder(work));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        scratch.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        scratch.afterAll(context);
    }
}
