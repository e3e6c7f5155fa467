package org.openvault.backend.adminsite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.helidon.webserver.http.ServerRequest;

/** Where the explorer is: its path, the search words, the page number, and whether there is a next page. */
public record Listing(String path, String q, int page, boolean hasNext) {

    /** The {@code page} parameter of a paged screen: 1 when absent or not a number, at most {@code max}. */
    static int pageNumber(ServerRequest req, int max) {
        String text = req.query().contains("page") ? req.query().get("page") : "1";
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return Math.min(Math.max(1, Integer.parseInt(text)), max);
    }

    public boolean searching() {
        return !q.isEmpty();
    }

    public String url(int number) {
        return path + "?" + (q.isEmpty() ? "" : "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&")
                + "page=" + number;
    }
}
