package org.openvault.proxy.routing;

/** The proxy's own error answers: JSON {@code {"message":…,"status":…}} when the client asks for JSON, else small HTML. */
public final class ErrorPage {

    private ErrorPage() {
    }

    /** The body of an error answer: JSON or HTML. */
    public static String body(int code, String reason, String message, boolean json) {
        return json
                ? "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"status\":" + code + "}"
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + code + " "
                        + escape(reason) + "</title></head><body><h1>" + code + " "
                        + escape(reason) + "</h1><p>" + escape(message) + "</p></body></html>\n";
    }

    public static String contentType(boolean json) {
        return json ? "application/json" : "text/html; charset=UTF-8";
    }

    /** JSON when Accept names application/json (or +json) and does not rank text/html first. */
    public static boolean prefersJson(String accept) {
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
