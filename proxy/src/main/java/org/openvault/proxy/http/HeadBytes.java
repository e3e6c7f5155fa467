package org.openvault.proxy.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The bytes of a message head (ISO-8859-1, as HTTP/1.1 has them), built in place and reused per connection. */
public final class HeadBytes {

    private byte[] bytes = new byte[1024];
    /** The one view of {@link #bytes} that {@link #buffer} hands out. */
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private int length;

    public HeadBytes reset() {
        length = 0;
        return this;
    }

    /** {@code text}'s characters as bytes (the low eight bits of each, ISO-8859-1), copied in bulk. */
    @SuppressWarnings("deprecation")
    public HeadBytes append(String text) {
        int size = text.length();
        ensure(size);
        text.getBytes(0, size, bytes, length);
        length += size;
        return this;
    }

    /** {@code source[from, to)} as they are. */
    public HeadBytes append(byte[] source, int from, int to) {
        ensure(to - from);
        System.arraycopy(source, from, bytes, length, to - from);
        length += to - from;
        return this;
    }

    public HeadBytes append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** A number in decimal (named apart from {@link #append(char)}, which an int must not reach by accident). */
    public HeadBytes number(int number) {
        return append(Integer.toString(number));
    }

    /** One header line. */
    public HeadBytes header(String name, String value) {
        return append(name).append(':').append(' ').append(value).append('\r').append('\n');
    }

    /** The blank line that ends the head. */
    public HeadBytes end() {
        return append('\r').append('\n');
    }

    /** The bytes so far, to be written (valid until the next reset). */
    public ByteBuffer buffer() {
        return view.clear().limit(length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            view = ByteBuffer.wrap(bytes);
        }
    }
}
