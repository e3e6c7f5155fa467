package org.openvault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.openvault.proxy.engine.eventloop.http2.FrameReader;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.HpackDecoder;
import org.openvault.proxy.engine.eventloop.http2.HpackEncoder;

/** An HTTP/2 client that writes frames as the test says, right or wrong, and reads what comes back frame by frame. */
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
        if (type == Frames.HEADERS) {
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
