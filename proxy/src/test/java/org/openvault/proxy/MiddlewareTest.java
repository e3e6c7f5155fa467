package org.openvault.proxy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each middleware on its own router. Requests come from 127.0.0.1, a trusted proxy: X-Forwarded-For
 * names the client.
 */
class MiddlewareTest {

    @TempDir
    static Path directory;

    private static Upstream echo;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        echo = new Upstream("echo");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String bcrypt = OpenBSDBCrypt.generate("2y", "open sesame".toCharArray(), salt, 4);
        String sha = "{SHA}" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest("guest pass".getBytes(StandardCharsets.UTF_8)));
        proxy = new TestProxy(directory, """
                proxy:
                  host: 127.0.0.1
                  trusted-proxies: [127.0.0.1/32]
                  access-log: {enabled: false}
                  tls: {certificate: CERT, key: KEY}
                  entrypoints:
                    websecure: {port: 0, tls: true}
                    web: {port: 0}
                  routers:
                    strip: {rule: "PathPrefix(`/strip/`)", middlewares: [strip], service: echo}
                    add: {rule: "PathPrefix(`/add`)", middlewares: [add], service: echo}
                    limited: {rule: "PathPrefix(`/limited`)", middlewares: [limit], service: echo}
                    auth: {rule: "PathPrefix(`/auth`)", middlewares: [auth], service: echo}
                    blocked: {rule: "PathPrefix(`/blocked`)", middlewares: [only-ten], service: echo}
                    small: {rule: "PathPrefix(`/small`)", middlewares: [small], service: echo}
                    quick: {rule: "PathPrefix(`/hang`)", middlewares: [quick], service: echo}
                    headers: {rule: "PathPrefix(`/headers`)", middlewares: [headers], service: echo}
                    chained: {rule: "PathPrefix(`/chain/`)", middlewares: [headers, unchain, add], service: echo}
                    temporary: {rule: "PathPrefix(`/temporary`)", entrypoints: [web], middlewares: [temporary]}
                  services:
                    echo: {servers: [ECHO]}
                  middlewares:
                    strip: {strip-prefix: {prefixes: [/strip]}}
                    unchain: {strip-prefix: {prefixes: [/chain]}}
                    add: {add-prefix: {prefix: /base}}
                    limit: {rate-limit: {average: 0.001, burst: 2}}
                    auth:
                      basic-auth:
                        realm: Demo
                        users: ["editor:BCRYPT", "guest:SHA"]
                    only-ten: {ip-allow-list: {source-range: [10.0.0.0/8, "2001:db8::/32"]}}
                    small: {max-body: {bytes: 10}}
                    quick: {request-timeout: {timeout: 200ms}}
                    headers:
                      headers:
                        sts-seconds: 63072000
                        sts-include-subdomains: true
                        sts-preload: true
                        content-security-policy: default-src 'self'
                        custom-request-headers: {X-Added: yes please, X-Remove-Me: ""}
                        custom-response-headers: {X-Served-By: open-vault, X-Upstream: ""}
                    temporary: {redirect-scheme: {scheme: https, port: 8443, permanent: false}}
                """.replace("ECHO", echo.url()).replace("BCRYPT", bcrypt).replace("SHA", sha));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        echo.close();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        return proxy.get(proxy.https("websecure", path), headers);
    }

    private static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) {
        return proxy.https.send(HttpRequest.newBuilder(URI.create(proxy.https("websecure", path))).POST(body).build());
    }

    @Test
    void stripAndAddPrefix() {
        HttpResponse<String> stripped = get("/strip/exhibits/x?q=1");
        assertTrue(stripped.body().contains("path=/exhibits/x?q=1\n"), stripped.body());
        assertTrue(stripped.body().contains("header:x-forwarded-prefix=[/strip]"), stripped.body());
        assertTrue(get("/add/me").body().contains("path=/base/add/me\n"));
        assertTrue(get("/chain/x").body().contains("path=/base/x\n"));
    }

    @Test
    void rateLimitIsPerClientWithRetryAfter() {
        assertEquals(200, get("/limited", "X-Forwarded-For", "198.51.100.1").statusCode());
        assertEquals(200, get("/limited", "X-Forwarded-For", "198.51.100.1").statusCode());
        HttpResponse<String> limited = get("/limited", "X-Forwarded-For", "198.51.100.1", "Accept", "application/json");
        assertEquals(429, limited.statusCode());
        assertTrue(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow()) >= 1);
        assertTrue(limited.body().startsWith("{\"message\":\"Too many requests"), limited.body());
        assertEquals(200, get("/limited", "X-Forwarded-For", "198.51.100.2").statusCode());
    }

    @Test
    void basicAuthWithBcryptAndShaEntries() {
        HttpResponse<String> anonymous = get("/auth");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"Demo\", charset=\"UTF-8\"", anonymous.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals(401, get("/auth", "Authorization", basic("editor", "wrong")).statusCode());
        assertEquals(401, get("/auth", "Authorization", basic("nobody", "open sesame")).statusCode());
        assertEquals(401, get("/auth", "Authorization", "Basic !!!").statusCode());
        assertEquals(200, get("/auth", "Authorization", basic("editor", "open sesame")).statusCode());
        assertEquals(200, get("/auth", "Authorization", basic("guest", "guest pass")).statusCode());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ipAllowListUsesTheClientAddress() {
        assertEquals(403, get("/blocked").statusCode());
        assertEquals(403, get("/blocked", "X-Forwarded-For", "192.0.2.1").statusCode());
        assertEquals(200, get("/blocked", "X-Forwarded-For", "10.20.30.40").statusCode());
        assertEquals(200, get("/blocked", "X-Forwarded-For", "2001:db8::7").statusCode());
    }

    @Test
    void maxBodyRefusesLargeBodiesDeclaredOrStreamed() {
        assertEquals(200, post("/small", HttpRequest.BodyPublishers.ofString("0123456789")).statusCode());
        assertEquals(413, post("/small", HttpRequest.BodyPublishers.ofString("0123456789!")).statusCode());
        HttpResponse<String> chunked = post("/small", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[100_000])));
        assertEquals(413, chunked.statusCode());
    }

    @Test
    void requestTimeoutAnswers504() {
        assertEquals(504, get("/hang").statusCode());
    }

    @Test
    void securityAndCustomHeaders() {
        HttpResponse<String> response = get("/headers", "X-Remove-Me", "please");
        assertEquals("max-age=63072000; includeSubDomains; preload",
                response.headers().firstValue("strict-transport-security").orElseThrow());
        assertEquals("default-src 'self'", response.headers().firstValue("content-security-policy").orElseThrow());
        assertEquals("open-vault", response.headers().firstValue("x-served-by").orElseThrow());
        assertFalse(response.headers().firstValue("x-upstream").isPresent());
        assertTrue(response.body().contains("header:x-added=[yes please]"), response.body());
        assertFalse(response.body().contains("x-remove-me"), response.body());
    }

    @Test
    void temporaryRedirectKeepsTheMethodForPost() {
        HttpResponse<String> get = proxy.get(proxy.http("web", "/temporary?x=1&y=%2F"));
        assertEquals(302, get.statusCode());
        assertEquals("https://127.0.0.1:8443/temporary?x=1&y=%2F", get.headers().firstValue("location").orElseThrow());
        HttpResponse<String> post = TestProxy.plain(HttpRequest.newBuilder(URI.create(proxy.http("web", "/temporary")))
                .POST(HttpRequest.BodyPublishers.ofString("a")).build());
        assertEquals(307, post.statusCode());
    }
}
