package org.openvault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.openvault.proxy.engine.eventloop.http2.FrameReader;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.HpackDecoder;
import org.openvault.proxy.engine.eventloop.http2.HpackEncoder;

/**
 * An HTTP/2 client that writes frames as the test says, right or wrong, and reads what comes back frame by frame.
 * It keeps count of the server's flow-control windows (RFC 9113, 6.9) from the frames it reads, and of the window
 * updates the server sent, so that a test can send request bodies as a well-behaved client would.
 */
final class RawHttp2 implements AutoCloseable {

    /** One frame from the server; for HEADERS, its decoded fields pairwise. */
    record Frame(int type, int flags, int streamId, byte[] payload, List<String> fields) {

        int errorCode() {
            return ByteBuffer.wrap(payload, type == Frames.GOAWAY ? 4 : 0, 4).getInt();
        }

        String field(String name) {
            for (int i = 0; i < fields.size(); i += 2) {
                if (fields.get(i).equals(name)) {
                    return fields.get(i + 1);
                }
            }
            return null;
        }
    }

    private final SSLSocket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final HpackDecoder decoder = new HpackDecoder(4096);
    /** The server's SETTINGS_INITIAL_WINDOW_SIZE, and what this client may still send on the connection. */
    private long initialWindow = Frames.DEFAULT_WINDOW;
    private long connectionWindow = Frames.DEFAULT_WINDOW;
    /** Per stream: the increments of the server's WINDOW_UPDATEs less the DATA sent (with the initial window: what is left). */
    private final Map<Integer, Long> streamCredit = new HashMap<>();
    /** Per stream, how many body bytes went. */
    private final Map<Integer, Long> bodySent = new HashMap<>();
    /** Per stream (0: the connection), the increments of the server's WINDOW_UPDATEs in order. */
    final Map<Integer, List<Integer>> grants = new HashMap<>();

    RawHttp2(TrustingClient trust, int port) throws IOException {
        socket = (SSLSocket) trust.sslContext().getSocketFactory().createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IOException("h2 not chosen by ALPN: " + socket.getApplicationProtocol());
        }
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write(FrameReader.PREFACE);
        frame(Frames.SETTINGS, 0, 0, new byte[0]);
    }

    /** A request's HEADERS: pseudo-header fields, then others, names and values pairwise, HPACK-coded. */
    void headers(int streamId, boolean endStream, String... fields) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            HpackEncoder.field(fields[i], fields[i + 1], block);
        }
        frame(Frames.HEADERS, Frames.FLAG_END_HEADERS | (endStream ? Frames.FLAG_END_STREAM : 0), streamId, block.toByteArray());
    }

    void get(int streamId, String path) throws IOException {
        headers(streamId, true, ":method", "GET", ":scheme", "https", ":authority", "localhost", ":path", path);
    }

    void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_LENGTH + payload.length);
        Frames.header(frame, payload.length, type, flags, streamId);
        frame.put(payload);
        out.write(frame.array());
        out.flush();
    }

    /** A DATA frame with the next {@code length} bytes of the stream's body ({@link #bodyByte}), spending the windows. */
    void data(int streamId, int length, boolean endStream) throws IOException {
        long offset = bodySent.getOrDefault(streamId, 0L);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = bodyByte(offset + i);
        }
        bodySent.put(streamId, offset + length);
        frame(Frames.DATA, endStream ? Frames.FLAG_END_STREAM : 0, streamId, payload);
        connectionWindow -= length;
        streamCredit.merge(streamId, (long) -length, Long::sum);
    }

    /** The byte at {@code offset} of every body this client sends: not periodic in any frame or buffer size. */
    static byte bodyByte(long offset) {
        return (byte) (offset % 251);
    }

    /** The CRC-32 of the first {@code length} body bytes. */
    static long bodyCrc(long length) {
        byte[] periods = new byte[251 * 4096];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = bodyByte(i);
        }
        CRC32 crc = new CRC32();
        for (long done = 0; done < length; done += periods.length) {
            crc.update(periods, 0, (int) Math.min(periods.length, length - done));
        }
        return crc.getValue();
    }

    /** How many body bytes the server's windows let this client send on {@code streamId} now. */
    long sendable(int streamId) {
        return Math.min(connectionWindow, initialWindow + streamCredit.getOrDefault(streamId, 0L));
    }

    /**
     * Sends {@code total} body bytes on a stream in DATA frames of at most {@code frameSize}, END_STREAM on the last,
     * reading the server's frames (their windows counted, the frames themselves dropped) whenever the windows are
     * spent; stops when no frame came for {@code patienceMillis}. How many bytes went.
     */
    long upload(int streamId, long total, int frameSize, int patienceMillis) throws IOException {
        long sent = 0;
        while (sent < total) {
            long room = sendable(streamId);
            if (room > 0) {
                int size = (int) Math.min(Math.min(room, frameSize), total - sent);
                data(streamId, size, sent + size == total);
                sent += size;
                continue;
            }
            socket.setSoTimeout(patienceMillis);
            try {
                read();
            } catch (SocketTimeoutException stalled) {
                return sent;
            } finally {
                socket.setSoTimeout(30_000);
            }
        }
        return sent;
    }

    /** The response on a stream: its HEADERS, then its DATA as text until END_STREAM; the status and the text. */
    String answer(int streamId) throws IOException {
        String status = until(Frames.HEADERS, streamId).field(":status");
        StringBuilder body = new StringBuilder();
        Frame frame;
        do {
            frame = until(Frames.DATA, streamId);
            body.append(new String(frame.payload(), StandardCharsets.ISO_8859_1));
        } while ((frame.flags() & Frames.FLAG_END_STREAM) == 0);
        return status + "\n" + body;
    }

    /** Sends a PING and reads until its ACK: every frame the server sent before it has been read (and counted). */
    void roundTrip() throws IOException {
        frame(Frames.PING, 0, 0, new byte[8]);
        until(Frames.PING, 0);
    }

    void rstStream(int streamId, int code) throws IOException {
        frame(Frames.RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt(code).array());
    }

    /** The next frame the server sends (a HEADERS frame's block decoded). */
    Frame read() throws IOException {
        int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & Integer.MAX_VALUE;
        byte[] payload = new byte[length];
        in.readFully(payload);
        List<String> fields = new ArrayList<>();
        if (type == Frames.SETTINGS && (flags & Frames.FLAG_ACK) == 0) {
            for (int i = 0; i + 6 <= length; i += 6) {
                if (ByteBuffer.wrap(payload, i, 2).getShort() == Frames.SETTINGS_INITIAL_WINDOW_SIZE) {
                    initialWindow = ByteBuffer.wrap(payload, i + 2, 4).getInt();
                }
            }
        } else if (type == Frames.WINDOW_UPDATE) {
            int increment = ByteBuffer.wrap(payload).getInt() & Integer.MAX_VALUE;
            grants.computeIfAbsent(streamId, id -> new ArrayList<>()).add(increment);
            if (streamId == 0) {
                connectionWindow += increment;
            } else {
                streamCredit.merge(streamId, (long) increment, Long::sum);
            }
        } else if (type == Frames.HEADERS) {
            try {
                decoder.decode(payload, 0, length, 1 << 20, (name, value) -> fields.addAll(List.of(name, value)));
            } catch (HpackDecoder.CompressionError e) {
                throw new IOException(e);
            }
        }
        return new Frame(type, flags, streamId, payload, fields);
    }

    /** Reads until a frame of {@code type} on {@code streamId} (any stream when -1), or throws at the end. */
    Frame until(int type, int streamId) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.type() == type && (streamId < 0 || frame.streamId() == streamId)) {
                return frame;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
