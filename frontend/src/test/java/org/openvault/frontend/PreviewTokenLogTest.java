package org.openvault.frontend;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A preview link's token opens an unpublished draft: the site's log never holds it, not even when the backend fails. */
class PreviewTokenLogTest {

    @Test
    void aFailedPreviewIsLoggedWithoutItsToken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + closedPort, Map.of());
        try {
            HttpResponse<String> answer = RunningSite.get(frontend,
                    "/preview?content_type=exhibits.exhibitpage&token=id%3D12%3A1vPq%3AsecretSignature");
            assertEquals(503, answer.statusCode());
        } finally {
            frontend.stop();
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("/api/v2/page_preview/12/")), logged.toString());
        assertFalse(logged.stream().anyMatch(line -> line.contains("secretSignature")), logged.toString());
    }
}
