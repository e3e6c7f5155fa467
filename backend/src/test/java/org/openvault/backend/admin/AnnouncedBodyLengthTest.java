package org.openvault.backend.admin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body announced larger than the admin accepts is refused with 413 as soon as the head arrives: the server does not
 * wait for bytes a client announced and never sends (before, each such request held its connection and handler until
 * the client gave up; RawHttp gives up after 10 s).
 */
class AnnouncedBodyLengthTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void aBodyAnnouncedOverTheLimitIs413WithoutWaitingForIt() {
        for (String length : List.of("1099511627776", String.valueOf(AdminJson.MAX_BODY_BYTES + 1L))) {
            for (String[] target : List.of(new String[] {"/api/admin/v1/session", "application/json"},
                    new String[] {"/admin/login", "application/x-www-form-urlencoded"})) {
                long start = System.nanoTime();
                RawHttp.Response answer = RawHttp.exchange(backend.baseUrl(), "POST " + target[0] + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: " + target[1] + "\r\nContent-Length: " + length
                        + "\r\nConnection: close\r\n\r\n" + "a".repeat(1024));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(413, answer.status(), target[0] + " with Content-Length " + length + ": " + answer.head());
                assertTrue(millis < 5000, target[0] + " answered after " + millis + " ms");
            }
        }
    }
}
