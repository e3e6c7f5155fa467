package org.openvault.backend.responsecache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.helidon.webserver.http.ServerResponse;

/**
 * The body of one answer as it is written: held in memory up to a limit (so it can be kept, and an error before the
 * end can still become an error answer), past the limit sent on to the client as it comes, so a listing of tens of
 * megabytes never sits in the heap whole.
 */
final class AnswerOutput extends OutputStream {

    private final ServerResponse res;
    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private OutputStream client;

    AnswerOutput(ServerResponse res, int memoryLimit) {
        this.res = res;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (client == null && memory.size() + length > memoryLimit) {
            client = res.outputStream();
            memory.writeTo(client);
            memory = null;
        }
        if (client != null) {
            client.write(bytes, offset, length);
        } else {
            memory.write(bytes, offset, length);
        }
    }

    /** Whether the answer went to the client as it was written (it is then sent once this is closed). */
    boolean streamed() {
        return client != null;
    }

    /** The whole body, when it was not {@link #streamed()}. */
    byte[] bytes() {
        return memory.toByteArray();
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }
}
