package org.openvault.proxy.engine.eventloop.http2;

import java.io.ByteArrayOutputStream;

/**
 * Encodes header fields (RFC 7541) without a dynamic table: a field of the static table by its index, any other
 * as a literal without indexing (its name by static index when there is one), strings Huffman-coded when shorter.
 * Holding no state, it needs no table size update whatever the peer's SETTINGS_HEADER_TABLE_SIZE.
 */
public final class HpackEncoder {

    private HpackEncoder() {
    }

    /** Appends one field (name in lower case) to {@code out}. */
    public static void field(String name, String value, ByteArrayOutputStream out) {
        int exact = HeaderTable.staticIndex(name, value);
        if (exact > 0) {
            integer(0x80, 7, exact, out);
            return;
        }
        int nameIndex = HeaderTable.staticNameIndex(name);
        integer(0x00, 4, nameIndex, out);
        if (nameIndex == 0) {
            string(name, out);
        }
        string(value, out);
    }

    private static void string(String text, ByteArrayOutputStream out) {
        int huffmanLength = Huffman.encodedLength(text);
        if (huffmanLength < text.length()) {
            integer(0x80, 7, huffmanLength, out);
            Huffman.encode(text, out);
        } else {
            integer(0x00, 7, text.length(), out);
            for (int i = 0; i < text.length(); i++) {
                out.write(text.charAt(i));
            }
        }
    }

    /** An integer with an N-bit prefix (RFC 7541, 5.1), the bits above the prefix given by {@code flags}. */
    static void integer(int flags, int prefixBits, int value, ByteArrayOutputStream out) {
        int mask = (1 << prefixBits) - 1;
        if (value < mask) {
            out.write(flags | value);
            return;
        }
        out.write(flags | mask);
        value -= mask;
        while (value >= 0x80) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
