package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain HTTP: the socket as it is. */
final class PlainTransport extends ClientTransport {

    PlainTransport(SocketChannel channel) {
        super(channel);
    }

    @Override
    int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    void send(ByteBuffer from) throws IOException {
        while (from.hasRemaining() && channel.write(from) > 0) {
            // the socket took some; offer it the rest
        }
    }

    @Override
    boolean flush() {
        return true;
    }

    @Override
    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
