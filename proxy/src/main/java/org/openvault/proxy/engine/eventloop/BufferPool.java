package org.openvault.proxy.engine.eventloop;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One event loop's spare buffers of one size: a connection takes one while it has bytes to hold and gives it back
 * when it goes idle, so idle keep-alive connections hold none (single-threaded, like its loop).
 */
final class BufferPool {

    private final int size;
    private final int keep;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    BufferPool(int size, int keep) {
        this.size = size;
        this.keep = keep;
    }

    ByteBuffer take() {
        ByteBuffer buffer = free.pollFirst();
        return buffer == null ? ByteBuffer.allocate(size) : buffer;
    }

    void give(ByteBuffer buffer) {
        buffer.clear();
        if (free.size() < keep) {
            free.addFirst(buffer);
        }
    }
}
