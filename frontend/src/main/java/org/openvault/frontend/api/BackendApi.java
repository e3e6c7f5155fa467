package org.openvault.frontend.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * The backend's public API over HTTP, with timeouts, behind a small cache of recent answers: when the backend fails
 * or times out, the last good answer for the same request is served instead (stale), so the site stays up.
 */
public final class BackendApi {

    private static final Logger LOG = Logger.getLogger(BackendApi.class.getName());
    private static final long QUICK_FAILURE_NANOS = 200_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;
    private final Duration timeout;
    private final RecentAnswers recent;
    /** Backend calls under way for cacheable answers, by key: a second request for the same answer joins the first. */
    private final Map<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();

    public BackendApi(Config api) {
        this.timeout = Duration.ofMillis(api.get("timeout-ms").asInt().orElse(3000));
        this.client = WebClient.builder()
                .baseUri(api.get("url").asString().orElse("http://localhost:8000"))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(true)
                .build();
        Config cache = api.get("cache");
        this.recent = new RecentAnswers(
                cache.get("max-bytes").asLong().orElse(4L << 20),
                cache.get("max-query-bytes").asLong().orElse(256L << 10),
                Duration.ofMillis(cache.get("fresh-ms").asLong().orElse(1000L)),
                Duration.ofSeconds(cache.get("max-stale-seconds").asLong().orElse(86_400L)));
    }

    /**
     * GET {@code path} for content a site URL shows, with query parameters given as name/value pairs (a pair with a
     * null value is left out).
     */
    Answer page(String path, String... nameValuePairs) {
        return fetch(path, pairs(nameValuePairs), Kept.WITH_PAGES);
    }

    /**
     * Like {@link #page} for a visitor's search: kept with the answers of other searches, so that any number of
     * different searches cannot push out the pages kept for an outage.
     */
    Answer query(String path, String... nameValuePairs) {
        return fetch(path, pairs(nameValuePairs), Kept.WITH_QUERIES);
    }

    /** Like {@link #page} but never cached nor served stale (drafts, per-editor content). */
    Answer uncached(String path, String... nameValuePairs) {
        return fetch(path, pairs(nameValuePairs), Kept.NEVER);
    }

    /** How an answer is kept among the recent answers: not at all, or in one of their two budgets. */
    private enum Kept {
        NEVER,
        /** Content a site URL shows: the budget a flood of other requests cannot touch. */
        WITH_PAGES,
        /** A visitor's search, which any number of different queries can ask for. */
        WITH_QUERIES
    }

    /**
     * GET {@code path} with query parameters given as name/value pairs (a name may repeat). A cacheable answer is
     * served from the recent answers while fresh (and refreshed in the background once due); otherwise one backend
     * call per answer is made however many requests want it at once, the others waiting for that call.
     */
    private Answer fetch(String path, List<Map.Entry<String, String>> query, Kept kept) {
        if (kept == Kept.NEVER) {
            return ask(path, query, kept, null);
        }
        String key = key(path, query);
        RecentAnswers.Fresh fresh = recent.fresh(key);
        if (fresh == null) {
            return shared(key, () -> ask(path, query, kept, key));
        }
        if (fresh.dueForRefresh() && !inFlight.containsKey(key)) {
            // A platform thread: reading the answer holds a CPU for milliseconds, which on a carrier would stop the
            // virtual threads sending pages (see RenderThreads).
            Thread.ofPlatform().daemon().name("refresh " + path).start(() -> refresh(key, path, query, kept));
        }
        return fresh.answer();
    }

    private void refresh(String key, String path, List<Map.Entry<String, String>> query, Kept kept) {
        try {
            shared(key, () -> ask(path, query, kept, key));
        } catch (RuntimeException e) {
            // The answer in hand stays until it is no longer fresh; the request after that asks (and reports) again.
            LOG.log(Level.FINE, "Background refresh of " + path + " failed", e);
        }
    }

    /** The answer of the call for {@code key} under way, or of {@code call} made now when none is. */
    private Answer shared(String key, Supplier<Answer> call) {
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Answer answer = call.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Asks the backend; {@code key} (null: not cacheable) keeps a good answer, or gives a stale one on failure. */
    private Answer ask(String path, List<Map.Entry<String, String>> query, Kept kept, String key) {
        boolean cacheable = key != null;
        try {
            Received received;
            long started = System.nanoTime();
            try {
                received = call(path, query);
            } catch (BackendUnavailableException | MalformedAnswerException e) {
                throw e;
            } catch (RuntimeException e) {
                // A pooled keep-alive connection the backend has closed fails at once: ask again (a GET is safe to
                // repeat). A slow failure (a timeout) is not repeated, so a hung backend costs one timeout only.
                if (System.nanoTime() - started > QUICK_FAILURE_NANOS) {
                    throw e;
                }
                received = call(path, query);
            }
            Answer answer = received.answer();
            if (cacheable && answer.ok()) {
                answer = recent.remember(key, answer, received.bytes(), kept == Kept.WITH_QUERIES);
            }
            return answer;
        } catch (RuntimeException e) {
            Answer stale = cacheable ? recent.stale(key) : null;
            if (stale != null) {
                return stale;
            }
            if (e instanceof BackendUnavailableException || e instanceof MalformedAnswerException) {
                throw e;
            }
            // The path only: a query can hold a preview token, which opens an unpublished draft to any log reader.
            throw new BackendUnavailableException("Backend unreachable for " + path + ": " + e, e);
        }
    }

    private static List<Map.Entry<String, String>> pairs(String... nameValuePairs) {
        List<Map.Entry<String, String>> query = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] != null) {
                query.add(Map.entry(nameValuePairs[i], nameValuePairs[i + 1]));
            }
        }
        return query;
    }

    private Received call(String path, List<Map.Entry<String, String>> query) {
        HttpClientRequest request = client.get().path(path).readTimeout(timeout);
        for (Map.Entry<String, String> parameter : query) {
            request.queryParam(parameter.getKey(), parameter.getValue());
        }
        try (HttpClientResponse response = request.request()) {
            int status = response.status().code();
            if (status >= 500) {
                throw new BackendUnavailableException("Backend answered " + response.status() + " for " + path);
            }
            if (!isJson(response)) {
                return new Received(new Answer(status, null, false, 0, 0, 0), 0);
            }
            byte[] body = response.as(byte[].class);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                throw new MalformedAnswerException("Backend answered malformed JSON for " + path, e);
            }
            if (json == null || json.isMissingNode()) {
                throw new MalformedAnswerException("Backend answered an empty JSON body for " + path, null);
            }
            return new Received(new Answer(status, json, false, 0, 0, 0), body.length);
        }
    }

    private static boolean isJson(HttpClientResponse response) {
        return response.headers().contentType().map(type -> type.text().contains("json")).orElse(false);
    }

    private static String key(String path, List<Map.Entry<String, String>> query) {
        StringBuilder key = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query) {
            key.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return key.toString();
    }

    /** An answer as it came from the backend, with the size of its JSON text. */
    private record Received(Answer answer, int bytes) {
    }

    /**
     * One backend answer: its status, its JSON body (null when it was not JSON), whether it came from the cache of
     * recent answers, when it was served stale because the backend failed its age in seconds (else 0), and, for an
     * answer kept among the recent answers, when ({@link System#nanoTime}) it becomes due for a refresh (until then
     * it is the answer any request for it gets) and when its fresh period ends (both 0 when it is not kept).
     */
    record Answer(int status, JsonNode body, boolean cached, long staleSeconds, long refreshDueNanos,
                  long freshUntilNanos) {

        public boolean ok() {
            return status == 200 && body != null;
        }
    }
}
