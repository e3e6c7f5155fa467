package org.openvault.proxy.engine.eventloop;

/** Finding the lines of a message head in a byte array (CRLF, or a bare LF as RFC 9112 lets a recipient accept). */
final class HeadLines {

    private HeadLines() {
    }

    /** Just past the blank line ending a head in {@code bytes[0, length)}, or -1 when it is not all there. */
    static int headEnd(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                if (i + 1 < length && bytes[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Where the line starting at {@code from} ends (its CR, or its LF when a bare LF ends it); {@code end} if none does. */
    static int lineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i > from && bytes[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return end;
    }

    /** The start of the line after the one ending at {@code lineEnd}. */
    static int next(byte[] bytes, int lineEnd) {
        return bytes[lineEnd] == '\r' ? lineEnd + 2 : lineEnd + 1;
    }

    static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
