package org.openvault.frontend;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvault.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests no browser sends are the client's error (4xx), never a 5xx: a request line that is not HTTP, a NUL
 * character anywhere in a site path. The site's error page says nothing about the archive being unreachable.
 */
class MalformedRequestTest {

    private static final RunningSite SITE = RunningSite.get();

    private static String siteUrl() {
        return "http://127.0.0.1:" + SITE.frontend.port();
    }

    @Test
    void anInvalidMethodInTheRequestLineIs400() {
        for (String line : List.of("G@T / HTTP/1.1", "G@T /exhibits HTTP/1.1", "GET / HTTP/9.9")) {
            RawHttp.Response answer = RawHttp.exchange(siteUrl(),
                    line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.status() >= 400 && answer.status() < 500, line + " -> " + answer.text());
        }
    }

    @Test
    void aNulInASitePathIsAClientError() {
        for (String target : List.of("/%00", "/about%00", "/%00/", "/exhibits/%00", "/exhibits/a%00b",
                "/collections/%00", "/credits/%00", "/series/%00", "/masterpiece/%00", "/catalog/%00",
                "/search?q=%00", "/preview?content_type=exhibits.exhibitpage&token=id%3D1%3A%00")) {
            RawHttp.Response answer = RawHttp.get(siteUrl(), target);
            assertTrue(answer.status() >= 400 && answer.status() < 500, target + " -> " + answer.head());
            assertTrue(!answer.body().contains("trouble reaching"), target + " -> " + answer.body());
        }
    }
}
