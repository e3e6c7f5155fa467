package org.openvault.proxy.engine.eventloop.http2;

import java.nio.charset.StandardCharsets;

/**
 * Decodes header blocks (RFC 7541) for one connection, keeping its dynamic table. A block is always decoded whole,
 * even past the header list limit, because the table must stay in step with the peer's encoder; the fields past the
 * limit are dropped and the block is reported too large.
 */
public final class HpackDecoder {

    /** Receives the decoded fields of a block in order (names and values as ISO-8859-1 text). */
    public interface Fields {
        void field(String name, String value);
    }

    /** A block that cannot be decoded: a connection error of type COMPRESSION_ERROR. */
    public static final class CompressionError extends Exception {
        CompressionError(String message) {
            super(message, null, false, false);
        }
    }

    private final HeaderTable table;
    /** The table size this side announced (SETTINGS_HEADER_TABLE_SIZE): the encoder may not go above it. */
    private final int maxTableSize;

    public HpackDecoder(int maxTableSize) {
        this.table = new HeaderTable(maxTableSize);
        this.maxTableSize = maxTableSize;
    }

    /**
     * Decodes {@code block[offset, offset + length)}, passing fields to {@code fields} while their total size (RFC
     * 9113: name, value and 32 octets each) stays within {@code maxListSize}; false when fields were dropped for it.
     */
    public boolean decode(byte[] block, int offset, int length, int maxListSize, Fields fields) throws CompressionError {
        Cursor in = new Cursor(block, offset, offset + length);
        long listSize = 0;
        boolean sizeUpdateAllowed = true;
        boolean whole = true;
        while (in.more()) {
            int first = in.peek();
            String name;
            String value;
            if ((first & 0x80) != 0) {
                String[] entry = entry(in.integer(7));
                name = entry[0];
                value = entry[1];
            } else if ((first & 0xe0) == 0x20) {
                if (!sizeUpdateAllowed) {
                    throw new CompressionError("dynamic table size update after a field");
                }
                int size = in.integer(5);
                if (size > maxTableSize) {
                    throw new CompressionError("dynamic table size " + size + " above the announced " + maxTableSize);
                }
                table.resize(size);
                continue;
            } else {
                boolean indexed = (first & 0xc0) == 0x40;
                int nameIndex = in.integer(indexed ? 6 : 4);
                name = nameIndex == 0 ? string(in) : entry(nameIndex)[0];
                value = string(in);
                if (indexed) {
                    table.add(name, value);
                }
            }
            sizeUpdateAllowed = false;
            listSize += HeaderTable.entrySize(name, value);
            if (listSize > maxListSize) {
                whole = false;
            } else {
                fields.field(name, value);
            }
        }
        return whole;
    }

    /** The current size of the dynamic table, in octets as HPACK counts them. */
    int tableSize() {
        return table.size();
    }

    private String[] entry(int index) throws CompressionError {
        String[] entry = table.get(index);
        if (entry == null) {
            throw new CompressionError("no table entry " + index);
        }
        return entry;
    }

    private static String string(Cursor in) throws CompressionError {
        boolean huffman = (in.peek() & 0x80) != 0;
        int length = in.integer(7);
        int start = in.take(length);
        if (!huffman) {
            return new String(in.bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        String decoded = Huffman.decode(in.bytes, start, length);
        if (decoded == null) {
            throw new CompressionError("malformed Huffman-coded string");
        }
        return decoded;
    }

    /** A read position in a block. */
    private static final class Cursor {
        final byte[] bytes;
        int pos;
        final int end;

        Cursor(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int peek() throws CompressionError {
            if (pos >= end) {
                throw new CompressionError("header block ends inside a field");
            }
            return bytes[pos] & 0xff;
        }

        /** Skips {@code length} bytes, returning where they start. */
        int take(int length) throws CompressionError {
            if (length > end - pos) {
                throw new CompressionError("string longer than the header block");
            }
            int start = pos;
            pos += length;
            return start;
        }

        /** An integer with an N-bit prefix (RFC 7541, 5.1), refused above 2^28 (no sane block needs more). */
        int integer(int prefixBits) throws CompressionError {
            int mask = (1 << prefixBits) - 1;
            int value = peek() & mask;
            pos++;
            if (value < mask) {
                return value;
            }
            int shift = 0;
            int b;
            do {
                b = peek();
                pos++;
                value += (b & 0x7f) << shift;
                shift += 7;
                if (shift > 28) {
                    throw new CompressionError("integer too large");
                }
            } while ((b & 0x80) != 0);
            return value;
        }
    }
}
