package org.openvault.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every spelling of a path is routed and forwarded as one: a rule cannot be passed by writing a path another way
 * than the upstream reads it ({@code /api/../observe/health} must not reach the API's upstream, which would read
 * {@code /observe/health}), and what cannot be read alike by every upstream (encoded slash or backslash, NUL) is
 * refused. Header values may carry obs-text (bytes over 0x7F), as RFC 9110 allows.
 */
class PathNormalisationTest {

    @TempDir
    static Path directory;

    private static RecordingUpstream api;
    private static RecordingUpstream site;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        api = new RecordingUpstream();
        site = new RecordingUpstream();
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  web: {port: 0}
                  websecure: {port: 0, tls: true}
                routers:
                  api: {rule: "PathPrefix(`/api/`)", service: api}
                  site: {rule: "PathPrefix(`/`)", service: site}
                services:
                  api: {servers: [API]}
                  site: {servers: [SITE]}
                """.replace("API", api.url()).replace("SITE", site.url())));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        api.close();
        site.close();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/../observe/health,        site, /observe/health",
            "/api/%2e%2e/observe/health,    site, /observe/health",
            "/api/%2E%2e/observe/health,    site, /observe/health",
            "/api/./../observe/health?x=1,  site, /observe/health?x=1",
            "/../api/pages/,                api,  /api/pages/",
            "//api//pages/,                 api,  /api/pages/",
            "/api/pages/./,                 api,  /api/pages/",
            "/api/pages/1/..,               api,  /api/pages/",
            "/exhibits/a%20b/.well-known,   site, /exhibits/a%20b/.well-known",
            "/,                             site, /",
    })
    void aPathIsRoutedAndForwardedInItsOneSpelling(String sent, String upstream, String forwarded) {
        String answer = RawHttp.exchange(proxy.proxy.port("web"), "GET " + sent + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        List<RecordingUpstream.Received> atApi = api.takeReceived();
        List<RecordingUpstream.Received> atSite = site.takeReceived();
        List<RecordingUpstream.Received> got = upstream.equals("api") ? atApi : atSite;
        assertEquals(1, got.size(), "routed to " + upstream + ": api " + atApi + ", site " + atSite);
        assertEquals(0, (upstream.equals("api") ? atSite : atApi).size());
        assertEquals(forwarded, got.get(0).target());
    }

    @ParameterizedTest
    @CsvSource({"/api%2f..%2fobserve", "/api/..%2F..%2Fobserve", "/api/%5c..%5cobserve", "/api/a%00b", "/api/..\\x"})
    void aPathNoUpstreamReadsAlikeIsRefused(String sent) {
        String answer = RawHttp.exchange(proxy.proxy.port("web"), "GET " + sent + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertEquals(List.of(), api.takeReceived());
        assertEquals(List.of(), site.takeReceived());
    }

    @Test
    void overHttp2TheSameSpellingIsUsed() {
        assertEquals(200, proxy.get(proxy.https("websecure", "/api/../observe/health")).statusCode());
        assertEquals(List.of(), api.takeReceived());
        assertEquals("/observe/health", site.takeReceived().get(0).target());
    }

    @Test
    void headerValuesMayCarryObsText() {
        String answer = RawHttp.exchange(proxy.proxy.port("web"), "GET /api/x HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Name: Jos\u00e9 Mar\u00eda\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals("Jos\u00e9 Mar\u00eda", api.takeReceived().get(0).header("X-Name"));
    }
}
