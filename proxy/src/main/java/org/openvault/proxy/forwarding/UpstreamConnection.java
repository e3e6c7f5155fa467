package org.openvault.proxy.forwarding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.openvault.proxy.routing.WebSocketTunnel;

/** One keep-alive HTTP/1.1 connection to an upstream server: raw socket, buffered both ways. */
final class UpstreamConnection implements AutoCloseable {

    private final Socket socket;
    final BufferedInputStream in;
    final BufferedOutputStream out;
    /** Whether it served a request before (a failure then may be a connection the server already closed). */
    boolean reused;
    /** When it went back to the pool (System.nanoTime()). */
    long idleSince;

    private UpstreamConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
    }

    static UpstreamConnection open(InetSocketAddress address, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(address, (int) Math.max(1, connectTimeout.toMillis()));
            return new UpstreamConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** For a tunnel: it waits on the client, however long (the entrypoint's idle timeout ends it). */
    void noReadTimeout() throws IOException {
        socket.setSoTimeout(0);
    }

    /** This connection as the upstream end of a WebSocket tunnel (the buffered streams may hold early bytes). */
    WebSocketTunnel.Upstream tunnelEnd() {
        return new WebSocketTunnel.Upstream(socket, in, out);
    }

    boolean isOpen() {
        return !socket.isClosed() && !socket.isInputShutdown();
    }

    /**
     * Whether the upstream still keeps this idle connection: nothing (not even end of stream) may be waiting
     * to be read. Costs a 1 ms wait, so only used for connections idle a while.
     */
    boolean stillOpen() {
        try {
            if (in.available() > 0) {
                return false;
            }
            socket.setSoTimeout(1);
            in.read();
            // End of stream, or bytes nobody asked for: either way the connection is not usable.
            return false;
        } catch (java.net.SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A line ending in CRLF (or LF), without it; null at end of stream before any byte. */
    String readLine(int max) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() >= max) {
                throw new IOException("upstream line longer than " + max + " bytes");
            }
            line.append((char) b);
        }
        if (line.isEmpty()) {
            return null;
        }
        throw new EOFException("upstream closed the connection mid-line");
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Body framed by chunked transfer coding; ends after the last chunk and its trailers. */
    static final class ChunkedInput extends InputStream {
        private final UpstreamConnection connection;
        private long left;
        private boolean done;

        ChunkedInput(UpstreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String sizeLine = connection.readLine(4096);
                if (sizeLine == null) {
                    throw new EOFException("upstream closed the connection inside a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                try {
                    left = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size from upstream: " + sizeLine);
                }
                if (left == 0) {
                    String trailer;
                    do {
                        trailer = connection.readLine(8192);
                    } while (trailer != null && !trailer.isEmpty());
                    done = true;
                    return -1;
                }
            }
            int n = connection.in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("upstream closed the connection inside a chunk");
            }
            left -= n;
            if (left == 0) {
                connection.readLine(2);
            }
            return n;
        }

        boolean complete() {
            return done;
        }
    }

    /** Exactly {@code length} bytes. */
    static final class FixedInput extends InputStream {
        private final InputStream in;
        private long left;

        FixedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
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
    static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;

        ChunkedOutput(OutputStream out) {
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

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
