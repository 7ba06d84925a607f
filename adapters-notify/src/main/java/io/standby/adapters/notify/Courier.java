package io.standby.adapters.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Carries notices to one notifier on a thread of its own, so that a service that hangs delays neither a release nor
 * the other services. Notices wait in a bounded queue; when it is full the oldest is dropped and the caller goes on.
 */
final class Courier {

    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);

    private final Notifier notifier;
    private final HttpTimeouts timeouts;
    private final RetryPolicy retries;
    private final HttpClient http;
    private final ThreadPoolExecutor worker;

    Courier(Notifier notifier, HttpTimeouts timeouts, RetryPolicy retries, int capacity) {
        this.notifier = notifier;
        this.timeouts = timeouts;
        this.retries = retries;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                // Webhooks are one small POST now and then: HTTP/1.1 spares the h2c upgrade plain-HTTP receivers trip on.
                .version(HttpClient.Version.HTTP_1_1)
                // The JVM's proxy settings (-Dhttps.proxyHost...), for agents that reach the internet only through one.
                .proxy(Optional.ofNullable(ProxySelector.getDefault()).orElse(HttpClient.Builder.NO_PROXY))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                task -> {
                    Thread thread = new Thread(task, "notify " + notifier.name());
                    // Close lets waiting notices finish; a JVM that exits without it must not wait for a slow service.
                    thread.setDaemon(true);
                    return thread;
                },
                this::overflow);
    }

    /** Queues the notice and returns at once, whatever the service does. */
    void post(ReleaseNotice notice) {
        worker.execute(new Job(notice));
    }

    /** Notices queued or on their way; zero once the worker has taken the last one. */
    int waiting() {
        return worker.getQueue().size();
    }

    void stopTaking() {
        worker.shutdown();
    }

    /** Lets queued notices go out until the deadline ({@link System#nanoTime()}), then abandons the rest. */
    void finish(long deadlineNanos) throws InterruptedException {
        if (worker.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return;
        }
        List<Runnable> abandoned = worker.shutdownNow();
        LOG.warn("{}: the agent is stopping; {} waiting notice(s) abandoned, and the one on its way interrupted",
                notifier.name(), abandoned.size());
    }

    private void overflow(Runnable rejected, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            LOG.warn("{}: not sent, notifications are closed: {}", notifier.name(), ((Job) rejected).headline());
            return;
        }
        Runnable oldest = executor.getQueue().poll();
        if (oldest instanceof Job job) {
            LOG.warn("{}: {} notices wait behind a slow service, so the oldest is dropped: {}", notifier.name(),
                    executor.getQueue().size() + 1, job.headline());
        }
        executor.execute(rejected);
    }

    private void deliver(ReleaseNotice notice, String headline) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Answer answer = attempt(notice);
            if (answer instanceof Answer.Delivered) {
                LOG.info("{}: notified: {}", notifier.name(), headline);
                return;
            }
            if (answer instanceof Answer.Refused refused) {
                LOG.warn("{}: refused the notice, not retried: {} ({})", notifier.name(), refused.why(), headline);
                return;
            }
            String why = ((Answer.Transient) answer).why();
            if (attempt >= retries.attempts()) {
                LOG.warn("{}: gave up after {} attempt(s): {} ({})", notifier.name(), attempt, why, headline);
                return;
            }
            Duration pause = retries.delayAfter(attempt);
            LOG.info("{}: attempt {} of {} failed: {}; trying again in {}", notifier.name(), attempt, retries.attempts(),
                    why, NoticeText.duration(pause));
            Thread.sleep(pause.toMillis());
        }
    }

    private Answer attempt(ReleaseNotice notice) throws InterruptedException {
        Notifier.Message message = notifier.message(notice);
        HttpRequest.Builder request = HttpRequest.newBuilder(message.uri())
                .timeout(timeouts.request())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Standby")
                .POST(HttpRequest.BodyPublishers.ofString(message.json(), StandardCharsets.UTF_8));
        message.headers().forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return new Answer.Transient("no connection within " + NoticeText.duration(timeouts.connect()));
        } catch (HttpTimeoutException e) {
            return new Answer.Transient("no answer within " + NoticeText.duration(timeouts.request()));
        } catch (ConnectException e) {
            return new Answer.Transient("could not connect: " + cause(e).orElse("refused, or no route to the host"));
        } catch (IOException e) {
            return new Answer.Transient(cause(e).orElse(e.getClass().getSimpleName()));
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return notifier.read(response.body());
        }
        String why = "answered " + status + " " + Answer.quote(response.body());
        return status == 429 || status >= 500 ? new Answer.Transient(why) : new Answer.Refused(why);
    }

    /** The first message in the chain: the JDK's client often wraps the socket's error in exceptions without one. */
    private static Optional<String> cause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return Optional.of(t.getMessage());
            }
        }
        // A refused connection on JDK 17 carries no message at any level.
        return Optional.empty();
    }

    /** One notice, named for the logs by its headline. */
    private final class Job implements Runnable {

        private final ReleaseNotice notice;
        private final String headline;

        Job(ReleaseNotice notice) {
            this.notice = notice;
            this.headline = new NoticeText(notice).headline();
        }

        String headline() {
            return headline;
        }

        @Override
        public void run() {
            try {
                deliver(notice, headline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("{}: interrupted, the agent is stopping: {}", notifier.name(), headline);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not send: {} ({})", notifier.name(), e, headline);
            }
        }
    }
}
