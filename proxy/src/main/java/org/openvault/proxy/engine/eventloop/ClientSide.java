package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.middleware.PortableMiddleware;

/**
 * What an {@link UpstreamExchange} needs from the client it serves: the request body, and a place for the answer.
 * Every call comes on the event loop's thread; none may block.
 *
 * <p>An HTTP/1 {@link ClientConnection} implements it by reading and writing raw bytes, one exchange at a time.
 * An HTTP/2 stream implements it with frames: one exchange per stream, several on the same loop at once. Such a
 * stream hands its decoded request to {@link UpstreamExchange#start}; {@link #pullRequestBody} gives the data of
 * its DATA frames (the stream calls {@link UpstreamExchange#requestBodyArrived} when more came);
 * {@link #passesChunks} is false, so the body arrives without chunked coding ({@link BodyRelay#DATA_ONLY}) and
 * {@link #responseComplete} is the moment for END_STREAM; {@link #room} is what its flow-control window and buffer
 * take, and the stream calls {@link UpstreamExchange#resume} when the peer's WINDOW_UPDATE or a drained buffer
 * makes room again; {@link #abort} resets the stream, not the connection.
 */
interface ClientSide {

    /** How the response body goes to the client, as the exchange chose from the upstream's framing. */
    enum BodyRelay {
        /** No body (HEAD, 204, 304). */
        NONE,
        /** The upstream's Content-Length; the bytes pass as they are. */
        LENGTH,
        /** Chunked coding passes as it came (only where {@link #passesChunks} says so). */
        CHUNKS,
        /** Chunked coding removed: only the data bytes come. */
        DATA_ONLY,
        /** The upstream ends the body by closing its connection. */
        UNTIL_CLOSE,
        /**
         * The upstream switched protocols (101 to a WebSocket handshake): from here on the exchange is a byte pipe
         * both ways, the client's bytes pulled as request body until either side closes.
         */
        TUNNEL
    }

    /** Whether chunked response bodies may go to the client with their chunked coding (HTTP/1.1 clients). */
    boolean passesChunks();

    /** The request is about to go upstream (routed, let through by the middlewares): time for a 100 Continue. */
    void forwarding() throws IOException;

    /**
     * Moves request body bytes that came from the client into {@code into} (in the framing announced to the
     * upstream: chunked coding as it came, or plain data under a Content-Length), as many as fit: true once the
     * whole body went in. Throws when the body's framing is malformed (the exchange then answers 400).
     */
    boolean pullRequestBody(ByteBuffer into) throws IOException;

    /** How many bytes of request body data (without framing) came from the client so far. */
    long requestBodyBytes();

    /** A middleware's own answer (a redirect, a 401 page …); the exchange is over. */
    void answer(PortableMiddleware.Answer answer) throws IOException;

    /**
     * An error of the proxy's own (404, 400, 502, 504 …) as a small page, if no answer began; once one began, the
     * client must learn the body is short: as {@link #abort}. The exchange is over.
     */
    void failed(int status, String reason, String message) throws IOException;

    /** The upstream's response head ({@link ResponseHead#relayed} says which headers go on) and how its body follows. */
    void responseHead(ResponseHead head, BodyRelay body) throws IOException;

    /** How many more response body bytes the client side takes now. */
    int room();

    /**
     * Whether bytes given earlier still wait to reach the client: then the exchange reads nothing more from the
     * upstream until {@link UpstreamExchange#resume}.
     */
    default boolean backlogged() {
        return room() == 0;
    }

    /** Response body bytes {@code [0, length)} of {@code bytes} (at most {@link #room}); copied before returning. */
    void responseBody(byte[] bytes, int length) throws IOException;

    /** The whole response was given; the upstream connection is pooled or closed already. */
    void responseComplete() throws IOException;

    /**
     * The exchange cannot go on and the client cannot be told with an answer (the answer began, or the client
     * stopped sending its body, or a socket failed): an HTTP/1 connection closes, an HTTP/2 stream is reset.
     */
    void abort(Exception cause);

    /** Called after each upstream socket event the exchange handled, to update what the client side waits for. */
    void afterUpstreamEvent();
}
