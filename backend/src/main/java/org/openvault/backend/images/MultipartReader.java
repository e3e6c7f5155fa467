package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, with the multipart syntax of RFC 2046) part after part, each part's content as a
 * stream that ends at the next boundary: only a small buffer is ever held, whatever the size of a part. (Helidon's
 * multipart media support is not available to this build.) Part headers are bounded; what is not well-formed
 * throws {@link MalformedException}.
 */
final class MultipartReader {

    /** The most bytes of headers one part may have. */
    static final int MAX_HEADER_BYTES = 8192;
    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;
    /** Transport padding allowed after a boundary, before its line break. */
    private static final int MAX_PADDING = 64;

    /** The body is not multipart as declared. */
    static final class MalformedException extends IOException {

        MalformedException(String message) {
            super(message);
        }
    }

    /** A part: its form field name, the file name it was sent with (null for plain fields) and its content. */
    record Part(String name, String filename, InputStream content) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean closed;
    private PartContent current;

    MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !boundary.chars().allMatch(c -> c > 32 && c < 127 || c == ' ')) {
            throw new IllegalArgumentException("invalid multipart boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buffer = new byte[16384];
        // The first boundary need not follow a line break: read as if the body started with one.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
        current = new PartContent(); // the preamble, skipped by the first next()
    }

    /**
     * The boundary parameter of a {@code multipart/form-data} Content-Type, or null when the type is another or has
     * none.
     */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] pieces = contentType.split(";");
        if (!pieces[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i].strip();
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                String value = piece.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The next part, or null after the last one. What is left unread of the previous part is skipped. */
    Part next() throws IOException {
        current.skipRest();
        if (closed) {
            return null;
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedException("a part has no Content-Disposition");
        }
        Map<String, String> parameters = dispositionParameters(disposition);
        String name = parameters.get("name");
        if (name == null) {
            throw new MalformedException("a part has no name");
        }
        current = new PartContent();
        return new Part(name, parameters.get("filename"), current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] line = new byte[MAX_HEADER_BYTES];
        int total = 0;
        while (true) {
            int length = 0;
            while (true) {
                int b = readByte();
                if (b < 0) {
                    throw new MalformedException("the body ends inside part headers");
                }
                if (++total > MAX_HEADER_BYTES) {
                    throw new MalformedException("part headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n' && length > 0 && line[length - 1] == '\r') {
                    length--;
                    break;
                }
                line[length++] = (byte) b;
            }
            if (length == 0) {
                return headers;
            }
            String header = new String(line, 0, length, StandardCharsets.UTF_8);
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("a part header has no name");
            }
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
    }

    /** {@code form-data; name="file"; filename="a.jpg"}: the parameters, quoted strings unescaped. */
    static Map<String, String> dispositionParameters(String value) throws MalformedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        if (!type.equalsIgnoreCase("form-data")) {
            throw new MalformedException("a part is not form-data");
        }
        int i = semicolon < 0 ? value.length() : semicolon + 1;
        while (i < value.length()) {
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder text = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                boolean ended = false;
                while (i < value.length()) {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < value.length()) {
                        text.append(value.charAt(i++));
                    } else if (c == '"') {
                        ended = true;
                        break;
                    } else {
                        text.append(c);
                    }
                }
                if (!ended) {
                    throw new MalformedException("an unterminated quoted string in Content-Disposition");
                }
            } else {
                while (i < value.length() && value.charAt(i) != ';') {
                    text.append(value.charAt(i++));
                }
            }
            parameters.putIfAbsent(key, text.toString().strip());
        }
        return parameters;
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    /** Reads more into the buffer (moving what is unread to its start); false at the end of the body. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** The index of the delimiter in the unread buffer, or -1. */
    private int findDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** After a delimiter: {@code --} closes the body, else padding and a line break start the next part. */
    private void afterDelimiter() throws IOException {
        int b = readByte();
        if (b == '-') {
            if (readByte() != '-') {
                throw new MalformedException("a boundary is followed by a single '-'");
            }
            closed = true;
            return;
        }
        int padding = 0;
        while ((b == ' ' || b == '\t') && padding++ < MAX_PADDING) {
            b = readByte();
        }
        if (b != '\r' || readByte() != '\n') {
            throw new MalformedException("a boundary is not followed by a line break");
        }
    }

    /** The content of one part: ends where the next delimiter starts. */
    private final class PartContent extends InputStream {

        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = findDelimiter();
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    afterDelimiter();
                    return -1;
                }
                // Bytes before a delimiter, or before where one might still begin, belong to this part.
                int safe = found >= 0 ? found : Math.max(pos, limit - delimiter.length + 1);
                if (safe > pos) {
                    int n = Math.min(length, safe - pos);
                    System.arraycopy(buffer, pos, target, offset, n);
                    pos += n;
                    return n;
                }
                if (!fill()) {
                    throw new MalformedException("the body ends before its closing boundary");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // skipped
            }
        }
    }
}
