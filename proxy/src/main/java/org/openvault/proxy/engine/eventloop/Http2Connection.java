package org.openvault.proxy.engine.eventloop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openvault.proxy.engine.eventloop.http2.FrameReader;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.HpackDecoder;
import org.openvault.proxy.engine.eventloop.http2.Http2Error;

/**
 * A client connection that chose HTTP/2 by ALPN (RFC 9113), on the event loop that accepted it: frames are read
 * one at a time, each stream is one {@link Http2Stream} with its own upstream exchange, and what goes back is
 * written into one output buffer — control frames and headers always, DATA only within the client's windows and
 * while the buffer has room, so a client that does not read stops its upstreams instead of filling memory. A client
 * that does not read also stops being read. Errors the RFC calls stream errors reset that stream only; connection
 * errors, floods and rapid resets end the connection with GOAWAY.
 */
final class Http2Connection implements FrameReader.Handler, LoopConnection {

    private static final Logger LOG = Logger.getLogger(Http2Connection.class.getName());
    static final int MAX_CONCURRENT_STREAMS = 100;
    /**
     * The connection's receive window: the request body bytes all its streams hold together at most, granted again
     * as they go upstream (or are dropped), in steps of a quarter.
     */
    private static final int CONNECTION_WINDOW = 1 << 20;
    /** Output space kept free of DATA, for control frames and headers. */
    private static final int CONTROL_RESERVE = 8 * 1024;
    /** Output filled this far holds no more DATA, and the client is not read until it drains below it. */
    private static final int OUT_LIMIT = ClientConnection.OUT_BUFFER - CONTROL_RESERVE;
    /** Room a TLS record needs when decrypted into the input buffer. */
    private static final int RECORD_ROOM = 16 * 1024 + 512;
    /** Rapid reset (CVE-2023-44487) and control-frame floods are counted over this period. */
    private static final long FLOOD_PERIOD_NANOS = 10_000_000_000L;
    private static final int MAX_RESETS_PER_PERIOD = 200;
    private static final int MAX_CONTROL_FRAMES_PER_PERIOD = 1_000;
    private static final long CLOSING_GRACE_NANOS = 1_000_000_000L;
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    final EventLoop loop;
    final EntrypointContext context;
    final String peerAddress;
    private final ClientTransport transport;
    private final SelectionKey key;
    private final FrameReader reader;
    private final HpackDecoder decoder = new HpackDecoder(4096);
    private final Map<Integer, Http2Stream> streams = new LinkedHashMap<>();
    /** Bytes from the client not yet handled (write mode). */
    private ByteBuffer in;
    /** Frames for the client not yet written (write mode). */
    private ByteBuffer out = NONE;

    private int highestStreamId;
    private boolean anyRequest;
    private long peerInitialWindow = Frames.DEFAULT_WINDOW;
    private int peerMaxFrame = Frames.MIN_MAX_FRAME_SIZE;
    /** What this side may still send on the connection (flow control). */
    private long sendWindow = Frames.DEFAULT_WINDOW;
    /** What the client may still send on the connection. */
    private long receiveWindow = CONNECTION_WINDOW;
    /** Request body bytes gone from the streams (upstream, or dropped) and not yet granted back. */
    private int released;
    private boolean goAwaySent;
    private boolean closing;
    private boolean closed;
    private long deadline;
    private long floodPeriodStart = System.nanoTime();
    private int resets;
    private int controlFrames;
    private int rotation;
    private boolean handling;

    /** Takes over a TLS connection whose handshake chose h2; {@code in} holds what was read after it. */
    Http2Connection(EventLoop loop, EntrypointContext context, ClientTransport transport, SelectionKey key,
                    String peerAddress, ByteBuffer in, long deadline) {
        this.loop = loop;
        this.context = context;
        this.transport = transport;
        this.key = key;
        this.peerAddress = peerAddress;
        this.in = in;
        this.deadline = deadline;
        // A block may be up to four times the decoded limit (literal fields and framing), never more.
        this.reader = new FrameReader(Math.max(16 * 1024, 4 * maxHeaderList()));
        key.attach(this);
    }

    /** Sends this side's SETTINGS and larger windows, then handles what the client sent already. */
    void start() throws IOException {
        out = loop.outBuffers.take();
        Frames.settings(out, Frames.SETTINGS_MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS,
                Frames.SETTINGS_ENABLE_PUSH, 0, Frames.SETTINGS_MAX_HEADER_LIST_SIZE, maxHeaderList(),
                Frames.SETTINGS_INITIAL_WINDOW_SIZE, Http2Stream.RECEIVE_WINDOW);
        Frames.windowUpdate(out, 0, CONNECTION_WINDOW - Frames.DEFAULT_WINDOW);
        handleFrames();
        afterEvent();
    }

    private int maxHeaderList() {
        return context.entrypoint().maxRequestLine() + context.entrypoint().maxHeaderBytes();
    }

    // ---- events

    @Override
    public void clientReady(int ready) {
        try {
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                flush();
            }
            if (!closed && !closing && ((ready & SelectionKey.OP_READ) != 0 || transport.buffered())) {
                readFromClient();
            }
            if (!closed) {
                afterEvent();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public void checkDeadline(long now, boolean draining) {
        if (closed) {
            return;
        }
        try {
            if ((draining || context.draining()) && !goAwaySent) {
                // Graceful: streams begun go on, the client opens new ones elsewhere.
                goAway(Http2Error.NO_ERROR);
            }
            for (Http2Stream stream : new ArrayList<>(streams.values())) {
                if (stream.exchange.inFlight()) {
                    stream.exchange.checkDeadline(now);
                }
            }
            boolean busy = streams.values().stream().anyMatch(stream -> stream.exchange.inFlight());
            if (now - deadline >= 0 && (closing || !busy)) {
                if (closing || !anyRequest) {
                    close();
                    return;
                }
                goAway(Http2Error.NO_ERROR);
                closing = true;
                deadline = now + CLOSING_GRACE_NANOS;
            }
            afterEvent();
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    private void readFromClient() throws IOException {
        do {
            if (in == NONE) {
                in = loop.inBuffers.take();
            }
            int read = transport.read(in);
            if (read < 0) {
                close();
                return;
            }
            handleFrames();
            if (read == 0) {
                return;
            }
        } while (!closing && !closed && transport.buffered() && wantsClientBytes());
    }

    /** Handles the whole frames read, while the output has room for what they ask back. */
    private void handleFrames() throws IOException {
        if (handling || in == NONE) {
            return;
        }
        handling = true;
        in.flip();
        try {
            while (!closing && !closed && out.position() < OUT_LIMIT) {
                try {
                    if (!reader.next(in, this)) {
                        break;
                    }
                } catch (Http2Error e) {
                    if (e.connectionError()) {
                        LOG.log(Level.FINE, "HTTP/2 connection error from " + peerAddress + ": " + e.getMessage());
                        goAway(e.code);
                        closing = true;
                        deadline = System.nanoTime() + CLOSING_GRACE_NANOS;
                        cancelStreams();
                    } else {
                        resetStream(e.streamId, e.code);
                    }
                }
            }
        } finally {
            in.compact();
            handling = false;
        }
    }

    /** After every event: write what waits, let waiting streams send, close when done, and watch the sockets. */
    private void afterEvent() throws IOException {
        if (!closing && in != NONE && in.position() > 0) {
            // Frames left while the output was full.
            handleFrames();
        }
        pumpStreams();
        flush();
        if (closed) {
            return;
        }
        if ((closing || (goAwaySent && streams.isEmpty())) && out.position() == 0 && !transport.hasPendingOutput()) {
            close();
            return;
        }
        if (in != NONE && in.position() == 0 && !transport.buffered()) {
            loop.inBuffers.give(in);
            in = NONE;
        }
        updateInterest();
    }

    /** Streams waiting for window or output room go on, starting with a different one each time (fairness). */
    private void pumpStreams() throws IOException {
        if (streams.isEmpty() || dataRoom() == 0) {
            return;
        }
        List<Http2Stream> waiting = new ArrayList<>(streams.values());
        int start = rotation++ % waiting.size();
        for (int i = 0; i < waiting.size() && dataRoom() > 0; i++) {
            Http2Stream stream = waiting.get((start + i) % waiting.size());
            if (stream.localClosed || stream.sendWindow <= 0) {
                continue;
            }
            stream.sendOwnBody();
            if (stream.exchange.inFlight()) {
                stream.exchange.resume();
            }
        }
    }

    private void flush() throws IOException {
        if (out == NONE) {
            return;
        }
        out.flip();
        try {
            transport.send(out);
        } finally {
            out.compact();
        }
        transport.flush();
        if (out.position() == 0 && out.capacity() != ClientConnection.OUT_BUFFER) {
            // A buffer grown for a large header block is not kept.
            out = loop.outBuffers.take();
        }
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (out.position() > 0 || transport.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (!closing && wantsClientBytes()) {
            ops |= SelectionKey.OP_READ;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
        for (Http2Stream stream : streams.values()) {
            stream.exchange.updateInterest();
        }
    }

    /** Whether the client's next bytes can be taken: room to decrypt them, and output room for the answers. */
    private boolean wantsClientBytes() {
        return (in == NONE || in.remaining() >= RECORD_ROOM) && out.position() < OUT_LIMIT;
    }

    // ---- frames from the client

    @Override
    public void headers(int streamId, byte[] block, int length, boolean endStream) throws Http2Error {
        List<String> fields = new ArrayList<>(32);
        boolean whole;
        try {
            whole = decoder.decode(block, 0, length, maxHeaderList(), (name, value) -> {
                fields.add(name);
                fields.add(value);
            });
        } catch (HpackDecoder.CompressionError e) {
            throw Http2Error.connection(Http2Error.COMPRESSION_ERROR, e.getMessage());
        }
        if ((streamId & 1) == 0) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "even stream id " + streamId + " from a client");
        }
        Http2Stream existing = streams.get(streamId);
        if (existing != null) {
            // Trailers: they must end the stream; their fields are not passed on.
            if (existing.remoteClosed) {
                throw Http2Error.stream(streamId, Http2Error.STREAM_CLOSED, "HEADERS after END_STREAM");
            }
            if (!endStream) {
                throw Http2Error.stream(streamId, Http2Error.PROTOCOL_ERROR, "trailers without END_STREAM");
            }
            withStream(existing, () -> existing.data(block, 0, 0, 0, true));
            return;
        }
        if (streamId <= highestStreamId) {
            // A closed stream (perhaps reset by this side while the client was still sending): ignored.
            return;
        }
        highestStreamId = streamId;
        if (goAwaySent) {
            // Past the last stream GOAWAY announced: ignored, the client retries it elsewhere.
            return;
        }
        if (streams.size() >= MAX_CONCURRENT_STREAMS) {
            throw Http2Error.stream(streamId, Http2Error.REFUSED_STREAM, "more than " + MAX_CONCURRENT_STREAMS + " streams");
        }
        anyRequest = true;
        Http2Stream stream = new Http2Stream(streamId, this, peerInitialWindow);
        streams.put(streamId, stream);
        withStream(stream, () -> {
            if (!whole) {
                stream.refuse(new ParsedRequest.Refused(431, "Request Header Fields Too Large",
                        "The request headers are too large."), endStream);
                return;
            }
            ParsedRequest request;
            try {
                request = Http2Request.of(fields, endStream);
            } catch (ParsedRequest.Refused refused) {
                stream.refuse(refused, endStream);
                return;
            }
            stream.start(request, endStream);
        });
    }

    @Override
    public void data(int streamId, byte[] bytes, int offset, int length, int flowControlled, boolean endStream)
            throws Http2Error {
        if (flowControlled > receiveWindow) {
            throw Http2Error.connection(Http2Error.FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
        }
        receiveWindow -= flowControlled;
        Http2Stream stream = streams.get(streamId);
        if (stream == null) {
            if (streamId > highestStreamId) {
                throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "DATA on idle stream " + streamId);
            }
            // A closed stream (perhaps reset by this side while the client was still sending): ignored.
            bodyReleased(flowControlled);
            return;
        }
        try {
            withStream(stream, () -> stream.data(bytes, offset, length, flowControlled, endStream));
        } catch (Http2Error refused) {
            // The stream did not keep this frame.
            bodyReleased(flowControlled);
            throw refused;
        }
    }

    @Override
    public void rstStream(int streamId, int code) throws Http2Error {
        if (streamId > highestStreamId) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "RST_STREAM on idle stream " + streamId);
        }
        if (++resets > MAX_RESETS_PER_PERIOD && !floodPeriodOver()) {
            throw Http2Error.connection(Http2Error.ENHANCE_YOUR_CALM, "more than " + MAX_RESETS_PER_PERIOD + " resets");
        }
        Http2Stream stream = remove(streamId);
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public void setting(int id, long value) throws Http2Error {
        if (id == Frames.SETTINGS_INITIAL_WINDOW_SIZE) {
            long delta = value - peerInitialWindow;
            for (Http2Stream stream : streams.values()) {
                if (stream.sendWindow + delta > Frames.MAX_WINDOW) {
                    throw Http2Error.connection(Http2Error.FLOW_CONTROL_ERROR, "stream window above 2^31-1");
                }
                stream.sendWindow += delta;
            }
            peerInitialWindow = value;
        } else if (id == Frames.SETTINGS_MAX_FRAME_SIZE) {
            peerMaxFrame = (int) value;
        }
    }

    @Override
    public void settingsEnd() throws Http2Error {
        controlFrame();
        Frames.settingsAck(control(Frames.HEADER_LENGTH));
    }

    @Override
    public void settingsAcknowledged() {
        // This side's settings never change after the first SETTINGS.
    }

    @Override
    public void ping(long opaque) throws Http2Error {
        controlFrame();
        Frames.pingAck(control(Frames.HEADER_LENGTH + 8), opaque);
    }

    @Override
    public void goAway(int lastStreamId, int code) {
        // The client opens no more streams; those begun are answered, then the connection closes.
        if (!goAwaySent) {
            goAway(Http2Error.NO_ERROR);
        }
    }

    @Override
    public void windowUpdate(int streamId, int increment) throws Http2Error {
        if (streamId == 0) {
            if (sendWindow + increment > Frames.MAX_WINDOW) {
                throw Http2Error.connection(Http2Error.FLOW_CONTROL_ERROR, "connection window above 2^31-1");
            }
            sendWindow += increment;
            return;
        }
        if (streamId > highestStreamId) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + streamId);
        }
        Http2Stream stream = streams.get(streamId);
        if (stream != null) {
            stream.windowUpdate(increment);
        }
    }

    @Override
    public void priority(int streamId) {
        // Priorities are not followed (RFC 9113 deprecates their signals).
    }

    /** Runs a stream's step; a failure of its upstream side ends that stream only. */
    private void withStream(Http2Stream stream, StreamStep step) throws Http2Error {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            if (!stream.localClosed) {
                stream.abort(e);
            }
        }
    }

    private interface StreamStep {
        void run() throws IOException, Http2Error;
    }

    /** Counts a frame that asks for an answer (SETTINGS, PING): a flood of them ends the connection. */
    private void controlFrame() throws Http2Error {
        if (++controlFrames > MAX_CONTROL_FRAMES_PER_PERIOD && !floodPeriodOver()) {
            throw Http2Error.connection(Http2Error.ENHANCE_YOUR_CALM, "SETTINGS or PING flood");
        }
    }

    /** Whether the counting period ended (then the counts start again). */
    private boolean floodPeriodOver() {
        long now = System.nanoTime();
        if (now - floodPeriodStart < FLOOD_PERIOD_NANOS) {
            return false;
        }
        floodPeriodStart = now;
        resets = 0;
        controlFrames = 0;
        return true;
    }

    // ---- frames to the client (called by the streams)

    /** A header block for {@code stream}. */
    void headers(Http2Stream stream, ByteArrayOutputStream block, boolean endStream) {
        byte[] bytes = block.toByteArray();
        Frames.headers(control(Frames.headersSize(bytes.length, peerMaxFrame)), stream.id, bytes, bytes.length,
                peerMaxFrame, endStream);
    }

    /** DATA for {@code stream} (at most {@link #dataRoom} and its window), spending the windows. */
    void data(Http2Stream stream, byte[] bytes, int offset, int length, boolean endStream) {
        Frames.data(control(length + Frames.HEADER_LENGTH * (length / peerMaxFrame + 1)), stream.id, bytes, offset,
                length, peerMaxFrame, endStream);
        stream.sendWindow -= length;
        sendWindow -= length;
        if (endStream) {
            stream.localClosed = true;
        }
    }

    /** How much DATA payload may go out now: the connection's window and the output buffer's room for DATA. */
    int dataRoom() {
        if (closing || closed) {
            return 0;
        }
        int space = OUT_LIMIT - out.position();
        return (int) Math.max(0, Math.min(sendWindow, Frames.dataCapacity(Math.max(0, space), peerMaxFrame)));
    }

    /** Request body bytes the streams no longer hold: the client may send as many more on the connection. */
    void bodyReleased(int bytes) {
        released += bytes;
        if (released >= CONNECTION_WINDOW / 4) {
            receiveWindow += released;
            grantWindow(0, released);
            released = 0;
        }
    }

    /** Grants the client {@code increment} more bytes on a stream, or on the connection (stream 0). */
    void grantWindow(int streamId, int increment) {
        if (!closing && !closed) {
            Frames.windowUpdate(control(Frames.HEADER_LENGTH + 4), streamId, increment);
        }
    }

    /** Ends {@code stream} from this side with RST_STREAM. */
    void reset(Http2Stream stream, int code) {
        stream.localClosed = true;
        stream.remoteClosed = true;
        Frames.rstStream(control(Frames.HEADER_LENGTH + 4), stream.id, code);
    }

    void streamEnded(Http2Stream stream) {
        if (stream.localClosed && stream.remoteClosed) {
            remove(stream.id);
            stream.exchange.close();
            if (streams.isEmpty()) {
                deadline = System.nanoTime() + context.entrypoint().idleTimeout().toNanos();
            }
        }
    }

    void afterStreamEvent(Http2Stream stream) {
        try {
            if (!closed) {
                afterEvent();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    void record(ParsedRequest request, UpstreamRequestHead.Peer peer, UpstreamExchange exchange, int status,
                long bytesSent, long started) {
        ExchangeRecord.record(context, peerAddress, request, peer, exchange, "HTTP/2.0", status, bytesSent, started);
    }

    private void resetStream(int streamId, int code) {
        Frames.rstStream(control(Frames.HEADER_LENGTH + 4), streamId, code);
        Http2Stream stream = remove(streamId);
        if (stream != null) {
            stream.cancel();
        }
    }

    /** Forgets a stream; the request body it still held is dropped. */
    private Http2Stream remove(int streamId) {
        Http2Stream stream = streams.remove(streamId);
        if (stream != null) {
            bodyReleased(stream.dropBody());
        }
        return stream;
    }

    private void goAway(int code) {
        if (out == NONE) {
            out = loop.outBuffers.take();
        }
        Frames.goAway(control(Frames.HEADER_LENGTH + 8), highestStreamId, code);
        goAwaySent = true;
    }

    /** The output buffer with room for {@code bytes} more (grown past its size for a large header block). */
    private ByteBuffer control(int bytes) {
        if (out == NONE) {
            out = loop.outBuffers.take();
        }
        if (out.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(out.position() + bytes + ClientConnection.OUT_BUFFER);
            out.flip();
            larger.put(out);
            out = larger;
        }
        return out;
    }

    private void cancelStreams() {
        for (Http2Stream stream : new ArrayList<>(streams.values())) {
            stream.cancel();
        }
        streams.clear();
    }

    private void broken(Exception e) {
        LOG.log(Level.FINE, "HTTP/2 connection from " + peerAddress + " broken off", e);
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelStreams();
        key.cancel();
        transport.close();
        if (in != NONE) {
            loop.inBuffers.give(in);
            in = NONE;
        }
        if (out != NONE && out.capacity() == ClientConnection.OUT_BUFFER) {
            loop.outBuffers.give(out);
        }
        out = NONE;
        loop.forget(this);
    }
}
