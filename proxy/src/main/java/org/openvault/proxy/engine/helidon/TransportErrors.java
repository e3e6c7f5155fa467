package org.openvault.proxy.engine.helidon;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/** Answers for requests refused before routing (malformed, request line too long): short text, connection closed. */
public final class TransportErrors implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        Status status = defaultStatus;
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, "text/plain")
                .keepAlive(false)
                .entity(status.code() + " " + status.reasonPhrase() + "\n")
                .build();
    }
}
