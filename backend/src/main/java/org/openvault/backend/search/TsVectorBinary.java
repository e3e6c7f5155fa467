package org.openvault.backend.search;

/**
 * A tsvector in PostgreSQL's binary form ({@code tsvectorsend}), read one lexeme at a time where it lies: a count,
 * then per lexeme its UTF-8 bytes ending in a zero byte, its number of positions, and each position in two bytes
 * (the weight in the top two bits, 3 = A to 0 = D; the position in the other fourteen). Reading it builds no object
 * per lexeme, unlike the text form, whose lexemes are quoted and positions written out in decimal.
 */
final class TsVectorBinary {

    private final byte[] data;
    private int remaining;
    private int next = 4;
    private int lexemeStart;
    private int lexemeEnd;
    private int positionCount;
    private int positionsAt;

    TsVectorBinary(byte[] data) {
        if (data.length < 4) {
            throw new IllegalArgumentException("not a binary tsvector: " + data.length + " bytes");
        }
        this.data = data;
        this.remaining = (data[0] & 255) << 24 | (data[1] & 255) << 16 | (data[2] & 255) << 8 | data[3] & 255;
    }

    /** Moves to the next lexeme; false after the last. */
    boolean next() {
        if (remaining == 0) {
            return false;
        }
        remaining--;
        lexemeStart = next;
        int end = next;
        while (data[end] != 0) {
            end++;
        }
        lexemeEnd = end;
        positionCount = unsigned16(end + 1);
        positionsAt = end + 3;
        next = positionsAt + 2 * positionCount;
        return true;
    }

    /** The data this reads; the lexeme's UTF-8 bytes are {@code [lexemeStart(), lexemeEnd())} of it. */
    byte[] data() {
        return data;
    }

    int lexemeStart() {
        return lexemeStart;
    }

    int lexemeEnd() {
        return lexemeEnd;
    }

    int positionCount() {
        return positionCount;
    }

    int position(int k) {
        return unsigned16(positionsAt + 2 * k) & 0x3FFF;
    }

    /** The weight of position {@code k}: 'A' to 'D'. */
    char weight(int k) {
        return (char) ('D' - (unsigned16(positionsAt + 2 * k) >>> 14));
    }

    private int unsigned16(int at) {
        return (data[at] & 255) << 8 | data[at + 1] & 255;
    }
}
