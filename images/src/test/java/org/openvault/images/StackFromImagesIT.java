package org.openvault.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openvault.db.DemoImages;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of each image hold a runnable application: the stack is started from the unpacked images only
 * (their own Java runtime, classpath file and entrypoint, as user 65532), the way the Helm chart wires it.
 */
class StackFromImagesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void migrateThenBackendFrontendAndProxyRunFromTheirImages() throws Exception {
        ContainerImage.assumeRunnable();
        TestDatabase db = TestDatabase.get();
        Map<String, String> database = Map.of("OV_DB_URL", db.url(), "OV_DB_USER", db.user(),
                "OV_DB_PASSWORD", db.password());

        ContainerImage migrate = ContainerImage.of("migrate");
        try (ContainerImage.Running job = migrate.start(migrate.unpack(), database, "--demo")) {
            assertEquals(0, job.awaitExit(), job::output);
            assertTrue(job.output().contains("Demo content loaded"), job::output);
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet pages = statement.executeQuery("SELECT count(*) FROM page WHERE live")) {
            pages.next();
            assertTrue(pages.getInt(1) > 0, "the migrate image loaded no live demo page");
        }

        int backendPort = FreePorts.next();
        int frontendPort = FreePorts.next();
        int httpPort = FreePorts.next();
        int httpsPort = FreePorts.next();
        // Visitors open the proxy, so every public URL names it (as ./ov up and the chart wire it).
        String publicUrl = "https://localhost:" + httpsPort;
        ContainerImage backend = ContainerImage.of("backend");
        ContainerImage frontend = ContainerImage.of("frontend");
        ContainerImage proxy = ContainerImage.of("proxy");
        Path backendRoot = backend.unpack();
        Path frontendRoot = frontend.unpack();
        Path proxyRoot = proxy.unpack();
        assertTrue(Files.isRegularFile(backendRoot.resolve("app/jib-classpath-file")));
        // The demo pictures, in the pages and where the backend (user 65532) reads them and writes renditions.
        Path media = backendRoot.resolve("tmp/ov-media");
        try (Connection connection = db.connect()) {
            DemoImages.load(connection, media);
        }
        try (var tree = Files.walk(media)) {
            for (Path path : tree.toList()) {
                Files.setAttribute(path, "unix:uid", 65532);
                Files.setAttribute(path, "unix:gid", 65532);
            }
        }

        // One at a time: three JVMs starting at once on two shared cores only make each start slower.
        Map<String, String> backendEnv = new HashMap<>(database);
        backendEnv.put("SERVER_PORT", Integer.toString(backendPort));
        backendEnv.put("OV_DB_CONNECT_TIMEOUT_SECONDS", "60"); // the pool fills in the background after start
        backendEnv.put("OV_MEDIA_ROOT", "/tmp/ov-media");
        backendEnv.put("OV_MEDIA_BASE_URL", publicUrl);
        backendEnv.put("OV_API_URL", publicUrl);
        backendEnv.put("OV_SITE_URL", publicUrl);
        try (ContainerImage.Running backendRun = backend.start(backendRoot, backendEnv)) {
            backendRun.awaitOutput("Started all channels");
            assertEquals(200, get("http://localhost:" + backendPort + "/api/v2/health/").statusCode(), backendRun::output);
            HttpResponse<String> api = get("http://localhost:" + backendPort + "/api/v2/pages/");
            assertEquals(200, api.statusCode(), () -> api.body() + "\n" + backendRun.output());
            assertTrue(api.body().contains("\"total_count\""), api::body);
            HttpResponse<String> ready = get("http://localhost:" + backendPort + "/observe/health/ready");
            assertEquals(200, ready.statusCode(), () -> ready.body() + "\n" + backendRun.output());

            // A slow first answer of a cold backend on a busy machine is not what this test is about: the
            // frontend waits longer for it than its 3 s default.
            try (ContainerImage.Running frontendRun = frontend.start(frontendRoot, Map.of(
                    "SERVER_PORT", Integer.toString(frontendPort), "OV_API_URL", "http://localhost:" + backendPort,
                    "OV_SITE_PUBLIC_URL", publicUrl, "OV_API_TIMEOUT_MS", "20000"))) {
                frontendRun.awaitOutput("Started all channels");
                HttpResponse<String> home = get("http://localhost:" + frontendPort + "/");
                assertEquals(200, home.statusCode(), frontendRun::output);
                assertTrue(home.headers().firstValue("content-type").orElse("").startsWith("text/html"));
                // Brotli's JNI library (and the C++ runtime it links against) loads inside the image.
                HttpResponse<byte[]> brotli = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + frontendPort + "/"))
                        .header("Accept-Encoding", "br").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals("br", brotli.headers().firstValue("content-encoding").orElse(""), frontendRun::output);

                int internalPort = FreePorts.next();
                try (ContainerImage.Running proxyRun = proxy.start(proxyRoot, Map.of(
                        "PROXY_ENTRYPOINTS_WEB_PORT", Integer.toString(httpPort),
                        "PROXY_ENTRYPOINTS_WEBSECURE_PORT", Integer.toString(httpsPort),
                        "PROXY_ENTRYPOINTS_INTERNAL_PORT", Integer.toString(internalPort),
                        "PROXY_MIDDLEWARES_TO_HTTPS_REDIRECT_SCHEME_PORT", "443",
                        "PROXY_SERVICES_FRONTEND_SERVERS", "http://localhost:" + frontendPort,
                        "PROXY_SERVICES_BACKEND_SERVERS", "http://localhost:" + backendPort))) {
                    proxyRun.awaitOutput("Proxy listening on");
                    assertEquals(200, get("http://localhost:" + internalPort + "/ping").statusCode(), proxyRun::output);
                    HttpResponse<String> redirect = get("http://localhost:" + httpPort + "/exhibits/");
                    assertEquals(301, redirect.statusCode(), proxyRun::output);
                    assertEquals("https://localhost/exhibits/", redirect.headers().firstValue("location").orElse(""));
                    // No certificate given: the proxy made a self-signed one for localhost in the image's /tmp.
                    HttpClient tls = HttpClient.newBuilder().sslContext(TrustingTls.context()).build();
                    HttpResponse<String> site = tls.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + httpsPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, site.statusCode(), proxyRun::output);
                    assertTrue(site.body().contains("<html"), site::body);
                    HttpResponse<String> apiThroughProxy = tls.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + httpsPort + "/api/v2/pages/")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, apiThroughProxy.statusCode(), proxyRun::output);
                    assertTrue(apiThroughProxy.body().contains("\"total_count\""), apiThroughProxy::body);
                    assertTrue(apiThroughProxy.body().contains("\"detail_url\":\"" + publicUrl + "/api/v2/pages/"),
                            apiThroughProxy::body);
                    assertPublicUrlsThroughTheProxy(tls, publicUrl);
                }
            }
        }
    }

    /** Pages read through the proxy name only its address: no backend or frontend port, no plain HTTP. */
    private static void assertPublicUrlsThroughTheProxy(HttpClient tls, String publicUrl) throws Exception {
        String exhibit = tls.send(HttpRequest.newBuilder(URI.create(publicUrl + "/exhibits/voices-of-the-civil-rights-era"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(exhibit.contains("<link rel=\"canonical\" href=\"" + publicUrl + "/exhibits/voices-of-the-civil-rights-era\">"),
                exhibit);
        assertTrue(exhibit.contains("<meta property=\"og:url\" content=\"" + publicUrl + "/exhibits/"), exhibit);
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("src=\"(" + publicUrl + "/media/images/[^\"]+)\"")
                .matcher(exhibit);
        assertTrue(image.find(), "image URLs name the proxy: " + exhibit);
        HttpResponse<byte[]> picture = tls.send(HttpRequest.newBuilder(URI.create(image.group(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, picture.statusCode(), image.group(1));
        assertTrue(picture.headers().firstValue("content-type").orElse("").startsWith("image/"));
        assertFalse(exhibit.contains("http://localhost"), "no URL of a service behind the proxy: " + exhibit);
        String robots = tls.send(HttpRequest.newBuilder(URI.create(publicUrl + "/robots.txt")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(robots.contains("Sitemap: " + publicUrl + "/sitemap.xml"), robots);
        String sitemap = tls.send(HttpRequest.newBuilder(URI.create(publicUrl + "/sitemap.xml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(sitemap.contains("<loc>" + publicUrl + "/exhibits/voices-of-the-civil-rights-era</loc>"), sitemap);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
