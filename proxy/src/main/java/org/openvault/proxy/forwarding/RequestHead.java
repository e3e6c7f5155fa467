package org.openvault.proxy.forwarding;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** The bytes of a request head (ISO-8859-1, as HTTP/1.1 has them), built in place and reused per connection. */
final class RequestHead {

    private byte[] bytes = new byte[1024];
    private int length;

    RequestHead reset() {
        length = 0;
        return this;
    }

    RequestHead append(String text) {
        int size = text.length();
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    RequestHead append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** One header line. */
    RequestHead header(String name, String value) {
        return append(name).append(':').append(' ').append(value).append('\r').append('\n');
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
