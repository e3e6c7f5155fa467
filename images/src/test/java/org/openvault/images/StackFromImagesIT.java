package org.openvault.images;

import java.io.IOException;
import java.net.ServerSocket;
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
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of each image hold a runnable application: the stack is started from the unpacked images only
 * (their own Java runtime, classpath file and entrypoint, as user 65532), the way the Helm chart wires it.
 */
class StackFromImagesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void migrateThenBackendFrontendAndProxyRunFromTheirImages() throws Exception {
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

        int backendPort = freePort();
        int frontendPort = freePort();
        int httpPort = freePort();
        ContainerImage backend = ContainerImage.of("backend");
        ContainerImage frontend = ContainerImage.of("frontend");
        ContainerImage proxy = ContainerImage.of("proxy");
        Path backendRoot = backend.unpack();
        Path frontendRoot = frontend.unpack();
        Path proxyRoot = proxy.unpack();
        assertTrue(Files.isRegularFile(backendRoot.resolve("app/jib-classpath-file")));

        // One at a time: three JVMs starting at once on two shared cores only make each start slower.
        Map<String, String> backendEnv = new HashMap<>(database);
        backendEnv.put("SERVER_PORT", Integer.toString(backendPort));
        backendEnv.put("OV_DB_CONNECT_TIMEOUT_SECONDS", "60"); // the pool fills in the background after start
        try (ContainerImage.Running backendRun = backend.start(backendRoot, backendEnv)) {
            backendRun.awaitOutput("Started all channels");
            assertEquals(200, get("http://localhost:" + backendPort + "/api/v2/health/").statusCode(), backendRun::output);
            HttpResponse<String> api = get("http://localhost:" + backendPort + "/api/v2/pages/");
            assertEquals(200, api.statusCode(), () -> api.body() + "\n" + backendRun.output());
            assertTrue(api.body().contains("\"total_count\""), api::body);
            HttpResponse<String> ready = get("http://localhost:" + backendPort + "/observe/health/ready");
            assertEquals(200, ready.statusCode(), () -> ready.body() + "\n" + backendRun.output());

            try (ContainerImage.Running frontendRun = frontend.start(frontendRoot, Map.of(
                    "SERVER_PORT", Integer.toString(frontendPort), "OV_API_URL", "http://localhost:" + backendPort))) {
                frontendRun.awaitOutput("Started all channels");
                HttpResponse<String> home = get("http://localhost:" + frontendPort + "/");
                assertEquals(200, home.statusCode(), frontendRun::output);
                assertTrue(home.headers().firstValue("content-type").orElse("").startsWith("text/html"));

                try (ContainerImage.Running proxyRun = proxy.start(proxyRoot, Map.of(
                        "PROXY_HTTP_PORT", Integer.toString(httpPort), "PROXY_HTTPS_PORT", Integer.toString(freePort()),
                        "PROXY_HTTPS_PUBLIC_PORT", "443", "PROXY_UPSTREAM", "http://localhost:" + frontendPort))) {
                    proxyRun.awaitOutput("Started all channels");
                    HttpResponse<String> redirect = get("http://localhost:" + httpPort + "/exhibits/");
                    assertEquals(301, redirect.statusCode(), proxyRun::output);
                    assertEquals("https://localhost/exhibits/", redirect.headers().firstValue("location").orElse(""));
                }
            }
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
