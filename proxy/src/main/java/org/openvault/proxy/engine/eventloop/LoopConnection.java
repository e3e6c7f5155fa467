package org.openvault.proxy.engine.eventloop;

/**
 * A client connection as its event loop drives it: HTTP/1 ({@link ClientConnection}) or, once a TLS handshake chose
 * it by ALPN, HTTP/2 ({@link Http2Connection}).
 */
interface LoopConnection {

    /** The client socket is ready for what {@code ready} says (selection key operations). */
    void clientReady(int ready);

    /** Called by the loop's sweep: cuts what waited too long; {@code draining}: the entrypoint is stopping. */
    void checkDeadline(long now, boolean draining);

    void close();

    /** The client's address (counted against the entrypoint's per-address cap while the connection is open). */
    String peerAddress();
}
