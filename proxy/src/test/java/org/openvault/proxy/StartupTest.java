package org.openvault.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.config.ProxyConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A port already taken stops the proxy at start, naming the entrypoint and port, instead of running without it. */
class StartupTest {

    @TempDir
    Path directory;

    private static String config(int busyPort) {
        return """
                proxy:
                  host: 127.0.0.1
                  access-log: {enabled: false}
                  entrypoints:
                    free: {port: 0}
                    taken: {port: BUSY}
                  routers:
                    all: {rule: "PathPrefix(`/`)", service: up}
                  services:
                    up: {servers: ["http://127.0.0.1:9"]}
                """.replace("BUSY", Integer.toString(busyPort));
    }

    @Test
    void aTakenPortFailsTheStartNamingEntrypointAndPort() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            CannotListenException e = assertThrows(CannotListenException.class,
                    () -> Main.start(ProxyConfig.parse("test.yaml", config(port), java.util.Map.of())));
            assertTrue(e.getMessage().contains("entrypoint taken cannot listen on 127.0.0.1:" + port), e.getMessage());
            assertTrue(!e.getMessage().contains("entrypoint free"), e.getMessage());
        }
    }

    @Test
    void theCommandExitsNonZeroWithTheReason() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Path file = directory.resolve("proxy.yaml");
            Files.writeString(file, config(port));
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), file.toString())
                    .redirectErrorStream(true)
                    .start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the proxy should exit by itself");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.exitValue(), output);
            List<String> lines = output.lines().filter(line -> line.startsWith("Cannot start the proxy")).toList();
            assertEquals(List.of("Cannot start the proxy: entrypoint taken cannot listen on 127.0.0.1:" + port
                    + " (Address already in use)"), lines, output);
            assertTrue(!output.contains("Proxy listening"), output);
        }
    }
}
