package org.openvault.proxy.eventloop;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The bytes of a message head (ISO-8859-1, as HTTP/1.1 has them), built in place and reused per connection. */
final class HeadWriter {

    private byte[] bytes = new byte[2048];
    private int length;

    HeadWriter reset() {
        length = 0;
        return this;
    }

    HeadWriter append(String text) {
        int size = text.length();
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    HeadWriter number(int number) {
        return append(Integer.toString(number));
    }

    /** One header line. */
    HeadWriter header(String name, String value) {
        return append(name).append(": ").append(value).append("\r\n");
    }

    HeadWriter end() {
        return append("\r\n");
    }

    /** The bytes so far, to be written (valid until the next reset). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
