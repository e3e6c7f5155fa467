package org.openvault.proxy.routing;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;

/** The proxy's own error answers: JSON {@code {"message":…,"status":…}} when the client asks for JSON, else small HTML. */
public final class ErrorPage {

    private ErrorPage() {
    }

    public static void send(Exchange exchange, Status status, String message) {
        if (exchange.responded()) {
            return;
        }
        String accept = exchange.request().headers().first(HeaderNames.ACCEPT).orElse("");
        boolean json = prefersJson(accept);
        String body = json
                ? "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"status\":" + status.code() + "}"
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.code() + " "
                        + escape(status.reasonPhrase()) + "</title></head><body><h1>" + status.code() + " "
                        + escape(status.reasonPhrase()) + "</h1><p>" + escape(message) + "</p></body></html>\n";
        exchange.status(status.code());
        exchange.markResponded();
        exchange.applyResponseHeaders();
        exchange.response().status(status)
                .header(HeaderNames.CONTENT_TYPE, json ? "application/json" : "text/html; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(body);
    }

    /** JSON when Accept names application/json (or +json) and does not rank text/html first. */
    static boolean prefersJson(String accept) {
        int json = accept.indexOf("json");
        if (json < 0) {
            return false;
        }
        int html = accept.indexOf("text/html");
        return html < 0 || json < html;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
