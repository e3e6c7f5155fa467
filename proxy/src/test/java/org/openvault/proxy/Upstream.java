package org.openvault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * A small upstream for the tests: answers with its name and what it received (method, path, headers, body size and
 * CRC-32),
 * and has paths that stream many bytes, answer a chosen status, send text, or hang until released.
 */
final class Upstream implements AutoCloseable {

    final String name;
    final WebServer server;
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch arrived = new CountDownLatch(1);
    volatile boolean healthy = true;

    Upstream(String name) {
        this.name = name;
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.any(this::handle))
                .build().start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().rawPath();
        res.header(HeaderNames.create("X-Upstream"), name);
        if (path.equals("/health")) {
            res.status(healthy ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503).send(healthy ? "ok" : "down");
        } else if (path.equals("/hang")) {
            arrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            res.send("late");
        } else if (path.equals("/hang-body")) {
            // Headers and the first kilobyte of 100 kB, then silence until released.
            res.contentLength(100_000);
            try (OutputStream out = res.outputStream()) {
                out.write(new byte[1000]);
                out.flush();
                release.await(60, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException e) {
                // the proxy gave up on this response
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (path.startsWith("/bytes/")) {
            long total = Long.parseLong(path.substring("/bytes/".length()));
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            res.contentLength(total);
            byte[] chunk = new byte[65536];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try (OutputStream out = res.outputStream()) {
                for (long sent = 0; sent < total; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, total - sent));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (path.startsWith("/status/")) {
            int code = Integer.parseInt(path.substring("/status/".length()));
            res.status(Status.create(code));
            if (code == 204 || code == 304) {
                res.send();
            } else {
                res.send("status");
            }
        } else if (path.equals("/chunked")) {
            // No length: Helidon sends it chunked.
            try (OutputStream out = res.outputStream()) {
                for (int i = 0; i < 1000; i++) {
                    out.write("piece ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    if (i % 100 == 0) {
                        out.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (path.equals("/text")) {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8").send("<p>Open Vault</p>\n".repeat(500));
        } else if (path.equals("/hop")) {
            res.header(HeaderNames.CONNECTION, "X-Private-Hop")
                    .header(HeaderNames.create("X-Private-Hop"), "secret")
                    .header(HeaderNames.create("Keep-Alive"), "timeout=5")
                    .send("hop");
        } else {
            echo(req, res);
        }
    }

    private void echo(ServerRequest req, ServerResponse res) {
        long bodyBytes = 0;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        if (req.content().hasEntity()) {
            byte[] buffer = new byte[65536];
            try (InputStream in = req.content().inputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bodyBytes += n;
                    crc.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String headers = req.headers().stream()
                .map(h -> "header:" + h.name().toLowerCase() + "=" + h.allValues())
                .collect(Collectors.joining("\n"));
        String query = req.query().rawValue();
        res.header(HeaderNames.CONTENT_TYPE, "text/plain")
                .send("upstream=" + name + "\nmethod=" + req.prologue().method().text() + "\npath=" + req.path().rawPath()
                        + (query.isEmpty() ? "" : "?" + query) + "\n" + headers + "\nbody-bytes=" + bodyBytes + "\nbody-crc32=" + crc.getValue() + "\n");
    }

    @Override
    public void close() {
        release.countDown();
        server.stop();
    }
}
