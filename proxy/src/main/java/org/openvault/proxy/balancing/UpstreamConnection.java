package org.openvault.proxy.balancing;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.openvault.proxy.http.BodyFraming;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.routing.WebSocketTunnel;

/**
 * One keep-alive HTTP/1.1 connection to an upstream server: raw socket, buffered both ways. Response heads are
 * parsed straight from the read buffer (no per-byte reads, one String per header name and value).
 */
public final class UpstreamConnection implements AutoCloseable {

    private static final int BUFFER = 16384;
    private static final int MAX_HEAD = 262144;

    private final Socket socket;
    private final InputStream socketIn;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    /** The response bytes after the head: what the buffer holds first, then the socket. */
    public final InputStream in = new Input();
    public final BufferedOutputStream out;
    /** The request head being written (reused: a connection carries one exchange at a time). */
    public final HeadBytes head = new HeadBytes();
    /** Whether it served a request before (a failure then may be a connection the server already closed). */
    public boolean reused;
    /** When it went back to the pool (System.nanoTime()). */
    long idleSince;

    /** Longest a read may wait for the upstream while an answer is awaited (0: nothing awaited, reads wait as long as it takes). */
    private volatile long silenceNanos;
    /** When the read in progress times out; 0 when no read is waiting. Checked by {@link #expireIfSilent}. */
    private volatile long deadline;
    private volatile boolean timedOut;
    private final Set<UpstreamConnection> registry;

    private UpstreamConnection(Socket socket, Set<UpstreamConnection> registry) throws IOException {
        this.socket = socket;
        this.registry = registry;
        this.socketIn = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    /** A new connection, listed in {@code registry} until it is closed (the watchdog goes through it). */
    static UpstreamConnection open(InetSocketAddress address, Duration connectTimeout, Set<UpstreamConnection> registry)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(address, (int) Math.max(1, connectTimeout.toMillis()));
            UpstreamConnection connection = new UpstreamConnection(socket, registry);
            registry.add(connection);
            return connection;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * From now on each read may wait at most {@code timeout} for the upstream (like SO_TIMEOUT, but enforced by
     * {@link #expireIfSilent} from a watchdog: a timed park per read costs virtual threads a timer each).
     */
    public void awaitAnswer(Duration timeout) {
        silenceNanos = Math.max(1, timeout.toNanos());
    }

    /** Nothing is awaited any more (back in the pool, or tunnelled). */
    public void stopWaiting() {
        silenceNanos = 0;
    }

    /** Whether the watchdog cut this connection because a read waited too long. */
    public boolean timedOut() {
        return timedOut;
    }

    /** For the watchdog: closes the connection when its read in progress has waited past its deadline. */
    void expireIfSilent(long now) {
        long readDeadline = deadline;
        if (readDeadline != 0 && now - readDeadline > 0) {
            timedOut = true;
            close();
        }
    }

    private int readSocket(byte[] target, int offset, int length) throws IOException {
        long silence = silenceNanos;
        if (silence == 0) {
            return socketIn.read(target, offset, length);
        }
        deadline = (System.nanoTime() + silence) | 1;
        try {
            return socketIn.read(target, offset, length);
        } finally {
            deadline = 0;
        }
    }

    /** This connection as the upstream end of a WebSocket tunnel (the buffer may already hold its first bytes). */
    public WebSocketTunnel.Upstream tunnelEnd() {
        return new WebSocketTunnel.Upstream(in, out, this::close);
    }

    boolean isOpen() {
        return !socket.isClosed() && !socket.isInputShutdown();
    }

    /**
     * Whether the upstream still keeps this idle connection: nothing (not even end of stream) may be waiting
     * to be read. Costs a 1 ms wait, so only used for connections idle a while.
     */
    boolean stillOpen() {
        if (pos < limit) {
            return false;
        }
        try {
            socket.setSoTimeout(1);
            socketIn.read();
            // End of stream, or bytes nobody asked for: either way the connection is not usable.
            return false;
        } catch (java.net.SocketTimeoutException quiet) {
            try {
                socket.setSoTimeout(0);
                return true;
            } catch (IOException e) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The next response head; 1xx interim responses other than 101 are skipped. */
    public ResponseHead readHead() throws IOException {
        while (true) {
            int end = bufferLine();
            if (end < 0) {
                throw new EOFException("the upstream closed the connection without answering");
            }
            ResponseHead head = statusLine(end);
            int total = 0;
            while (true) {
                end = bufferLine();
                if (end < 0) {
                    throw new EOFException("the upstream closed the connection inside the response headers");
                }
                int lineEnd = end > pos && buffer[end - 1] == '\r' ? end - 1 : end;
                if (lineEnd == pos) {
                    pos = end + 1;
                    break;
                }
                total += lineEnd - pos;
                if (total > MAX_HEAD) {
                    throw new IOException("upstream headers too large");
                }
                head.addLine(buffer, pos, lineEnd);
                pos = end + 1;
            }
            if (head.code() >= 100 && head.code() < 200 && head.code() != 101) {
                continue;
            }
            return head;
        }
    }

    private ResponseHead statusLine(int end) throws IOException {
        int lineEnd = end > pos && buffer[end - 1] == '\r' ? end - 1 : end;
        ResponseHead head = ResponseHead.statusLine(buffer, pos, lineEnd);
        pos = end + 1;
        return head;
    }

    /**
     * Decodes the buffered bytes, then the socket's, through {@code framing} into {@code target}: the data bytes
     * (at most {@code length}), or -1 once the body is complete.
     */
    int readDecoded(BodyFraming framing, byte[] target, int offset, int length) throws IOException {
        while (!framing.done()) {
            if (pos == limit && fill() < 0) {
                throw new EOFException("upstream closed the connection inside a chunked body");
            }
            int taken = framing.take(buffer, pos, Math.min(limit, pos + length));
            int data = framing.relayed();
            System.arraycopy(buffer, pos, target, offset, data);
            pos += taken;
            if (data > 0) {
                return data;
            }
        }
        return -1;
    }

    /**
     * Makes sure a whole line is in the buffer from {@code pos}: the index of its LF, or -1 at end of stream
     * before any byte of it.
     */
    private int bufferLine() throws IOException {
        int scanned = pos;
        while (true) {
            int newline = indexOf((byte) '\n', scanned, limit);
            if (newline >= 0) {
                return newline;
            }
            scanned = limit;
            if (limit == buffer.length) {
                if (pos == 0) {
                    throw new IOException("upstream line longer than " + buffer.length + " bytes");
                }
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                scanned -= pos;
                limit -= pos;
                pos = 0;
            }
            int n = readSocket(buffer, limit, buffer.length - limit);
            if (n < 0) {
                if (limit == pos) {
                    return -1;
                }
                throw new EOFException("upstream closed the connection mid-line");
            }
            limit += n;
        }
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        registry.remove(this);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Refills the empty buffer from the socket: how many bytes came, -1 at end of stream. */
    private int fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = readSocket(buffer, 0, buffer.length);
        if (n > 0) {
            limit = n;
        }
        return n;
    }

    /** The buffered bytes first, then the socket (large reads go straight into the caller's array). */
    private final class Input extends InputStream {

        @Override
        public int read() throws IOException {
            if (pos == limit && fill() < 0) {
                return -1;
            }
            return buffer[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (pos == limit) {
                if (length >= buffer.length) {
                    return readSocket(target, offset, length);
                }
                if (fill() < 0) {
                    return -1;
                }
            }
            int n = Math.min(length, limit - pos);
            System.arraycopy(buffer, pos, target, offset, n);
            pos += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return limit - pos > 0 ? limit - pos : socketIn.available();
        }

    }

    /** A response body read in runs; a single byte is a run of one. */
    private abstract static class BodyInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** Body framed by chunked transfer coding, decoded strictly; ends after the last chunk and its trailers. */
    public static final class ChunkedInput extends BodyInput {
        private final UpstreamConnection connection;
        private final BodyFraming framing = BodyFraming.dechunked();

        public ChunkedInput(UpstreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return length == 0 ? 0 : connection.readDecoded(framing, target, offset, length);
        }
    }

    /** Exactly {@code length} bytes. */
    public static final class FixedInput extends BodyInput {
        private final InputStream in;
        private long left;

        public FixedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("upstream closed the connection " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(left, in.available());
        }

        boolean complete() {
            return left <= 0;
        }
    }

    /** Writes a request body with chunked transfer coding. */
    public static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;

        public ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(buffer, offset, length);
            out.write('\r');
            out.write('\n');
        }

        public void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
