package org.openvault.backend.adminsite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the explorer is: its path, the search words, the page number, and whether there is a next page. */
public record Listing(String path, String q, int page, boolean hasNext) {

    public boolean searching() {
        return !q.isEmpty();
    }

    public String url(int number) {
        return path + "?" + (q.isEmpty() ? "" : "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&")
                + "page=" + number;
    }
}
