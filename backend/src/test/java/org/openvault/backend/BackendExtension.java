package org.openvault.backend;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openvault.testing.TestDatabase;

/**
 * One {@link RunningBackend} over the test database for all the tests of a class, registered as
 * {@code @RegisterExtension static final BackendExtension backend = BackendExtension.withContentFixture();}
 * (or {@link #withoutContentFixture()}).
 * <p>
 * The backend starts before the class's own {@code @BeforeAll} methods run (so they can add rows or read ids over it)
 * and closes after its {@code @AfterAll} methods (so they can still clean up). Register it on a static field only:
 * on an instance field JUnit never calls it before all tests.
 */
public final class BackendExtension implements BeforeAllCallback, AfterAllCallback {

    private final TestDatabase db = TestDatabase.get();
    private final boolean loadContentFixture;
    private final Map<String, String> settings;
    private RunningBackend backend;

    private BackendExtension(boolean loadContentFixture, Map<String, String> settings) {
        this.loadContentFixture = loadContentFixture;
        this.settings = Map.copyOf(settings);
    }

    /** A backend whose database also holds the {@link ContentFixture} (loaded once per JVM). */
    public static BackendExtension withContentFixture() {
        return new BackendExtension(true, Map.of());
    }

    /** Like {@link #withContentFixture()}, with some settings changed. */
    public static BackendExtension withContentFixture(Map<String, String> settings) {
        return new BackendExtension(true, settings);
    }

    /** A backend over the migrated database alone (the migrations' own data: redirects, series, static pages…). */
    public static BackendExtension withoutContentFixture() {
        return new BackendExtension(false, Map.of());
    }

    /** A backend over the migrated database alone, with some settings changed ({@code ov.media.storage} → …). */
    public static BackendExtension withoutContentFixture(Map<String, String> settings) {
        return new BackendExtension(false, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        backend = RunningBackend.start(db, settings);
        if (loadContentFixture) {
            ContentFixture.ensureLoaded(db);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    /** The test database the backend runs over. */
    public TestDatabase db() {
        return db;
    }

    /** @see RunningBackend#mediaRoot() */
    public Path mediaRoot() {
        return running().mediaRoot();
    }

    /** @see RunningBackend#baseUrl() */
    public String baseUrl() {
        return running().baseUrl();
    }

    /** @see RunningBackend#routes() */
    public java.util.List<String> routes() {
        return running().routes();
    }

    /** @see RunningBackend#get(String) */
    public HttpResponse<String> get(String pathAndQuery) {
        return running().get(pathAndQuery);
    }

    /** @see RunningBackend#send(HttpRequest) */
    public HttpResponse<String> send(HttpRequest request) {
        return running().send(request);
    }

    /** @see RunningBackend#getBytes(String) */
    public HttpResponse<byte[]> getBytes(String pathAndQuery) {
        return running().getBytes(pathAndQuery);
    }

    /** @see RunningBackend#getJson(String) */
    public JsonNode getJson(String pathAndQuery) {
        return running().getJson(pathAndQuery);
    }

    private RunningBackend running() {
        if (backend == null) {
            throw new IllegalStateException("The backend runs only between beforeAll and afterAll:"
                    + " register BackendExtension on a static @RegisterExtension field");
        }
        return backend;
    }
}
