package org.openvault.proxy.engine.eventloop.http2;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HPACK against the examples of RFC 7541, Appendix C, and the errors a decoder must catch. */
class HpackTest {

    private static final List<String> FIRST_REQUEST = List.of(":method", "GET", ":scheme", "http", ":path", "/",
            ":authority", "www.example.com");
    private static final List<String> SECOND_REQUEST = List.of(":method", "GET", ":scheme", "http", ":path", "/",
            ":authority", "www.example.com", "cache-control", "no-cache");
    private static final List<String> THIRD_REQUEST = List.of(":method", "GET", ":scheme", "https", ":path", "/index.html",
            ":authority", "www.example.com", "custom-key", "custom-value");
    private static final List<String> FIRST_RESPONSE = List.of(":status", "302", "cache-control", "private",
            "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
    private static final List<String> SECOND_RESPONSE = List.of(":status", "307", "cache-control", "private",
            "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
    private static final List<String> THIRD_RESPONSE = List.of(":status", "200", "cache-control", "private",
            "date", "Mon, 21 Oct 2013 20:13:22 GMT", "location", "https://www.example.com", "content-encoding", "gzip",
            "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

    @Test
    void fieldRepresentationsOfC2() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(List.of("custom-key", "custom-header"),
                decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(55, decoder.tableSize());
        HpackDecoder fresh = new HpackDecoder(4096);
        assertEquals(List.of(":path", "/sample/path"), decode(fresh, "040c 2f73 616d 706c 652f 7061 7468"));
        assertEquals(List.of("password", "secret"), decode(fresh, "1008 7061 7373 776f 7264 0673 6563 7265 74"));
        assertEquals(List.of(":method", "GET"), decode(fresh, "82"));
        assertEquals(0, fresh.tableSize());
    }

    @Test
    void requestsWithoutHuffmanOfC3() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(FIRST_REQUEST, decode(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        assertEquals(57, decoder.tableSize());
        assertEquals(SECOND_REQUEST, decode(decoder, "8286 84be 5808 6e6f 2d63 6163 6865"));
        assertEquals(110, decoder.tableSize());
        assertEquals(THIRD_REQUEST, decode(decoder,
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
        assertEquals(164, decoder.tableSize());
    }

    @Test
    void requestsWithHuffmanOfC4() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertEquals(FIRST_REQUEST, decode(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
        assertEquals(SECOND_REQUEST, decode(decoder, "8286 84be 5886 a8eb 1064 9cbf"));
        assertEquals(THIRD_REQUEST, decode(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"));
        assertEquals(164, decoder.tableSize());
    }

    @Test
    void responsesWithoutHuffmanOfC5EvictOldEntries() throws Exception {
        HpackDecoder decoder = new HpackDecoder(256);
        assertEquals(FIRST_RESPONSE, decode(decoder, """
                4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
                2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70
                6c65 2e63 6f6d"""));
        assertEquals(222, decoder.tableSize());
        assertEquals(SECOND_RESPONSE, decode(decoder, "4803 3330 37c1 c0bf"));
        assertEquals(222, decoder.tableSize());
        assertEquals(THIRD_RESPONSE, decode(decoder, """
                88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
                54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
                5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e
                3d31"""));
        assertEquals(215, decoder.tableSize());
    }

    @Test
    void responsesWithHuffmanOfC6EvictOldEntries() throws Exception {
        HpackDecoder decoder = new HpackDecoder(256);
        assertEquals(FIRST_RESPONSE, decode(decoder, """
                4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
                2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"""));
        assertEquals(SECOND_RESPONSE, decode(decoder, "4883 640e ffc1 c0bf"));
        assertEquals(THIRD_RESPONSE, decode(decoder, """
                88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
                77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
                9587 3160 65c0 03ed 4ee5 b106 3d50 07"""));
        assertEquals(215, decoder.tableSize());
    }

    @Test
    void huffmanEncodingGivesTheBytesOfC4AndC6() {
        assertHuffman("www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff");
        assertHuffman("no-cache", "a8eb 1064 9cbf");
        assertHuffman("custom-key", "25a8 49e9 5ba9 7d7f");
        assertHuffman("Mon, 21 Oct 2013 20:13:21 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff");
        assertHuffman("https://www.example.com", "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3");
        assertHuffman("foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
                "94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    }

    @Test
    void everyByteValueSurvivesTheEncoderAndTheDecoder() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            all.append((char) b);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HpackEncoder.field(":status", "200", out);
        HpackEncoder.field(":status", "502", out);
        HpackEncoder.field("content-type", "text/html; charset=UTF-8", out);
        HpackEncoder.field("x-binary", all.toString(), out);
        HpackEncoder.field("x-long", "v".repeat(5000), out);
        HpackDecoder decoder = new HpackDecoder(4096);
        List<String> fields = new ArrayList<>();
        byte[] block = out.toByteArray();
        decoder.decode(block, 0, block.length, 1 << 20, (name, value) -> fields.addAll(List.of(name, value)));
        assertEquals(List.of(":status", "200", ":status", "502", "content-type", "text/html; charset=UTF-8",
                "x-binary", all.toString(), "x-long", "v".repeat(5000)), fields);
        assertEquals(0x88, block[0] & 0xff, "a static-table field goes by its index");
        assertEquals(0, decoder.tableSize(), "the encoder adds nothing to the peer's table");
    }

    @Test
    void malformedBlocksAreCompressionErrors() {
        HpackDecoder decoder = new HpackDecoder(4096);
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "80"), "index 0");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "be"), "empty dynamic table");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "040c 2f73"), "string past the end");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "3fe2 1f"), "table size above 4096");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "82 20"), "size update after a field");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "ff ff ff ff ff ff"), "integer overflow");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "0481 00"), "padding not of ones");
        assertThrows(HpackDecoder.CompressionError.class, () -> decode(decoder, "0485 ffff ffff ff"), "EOS in a string");
        assertNull(Huffman.decode(new byte[] {(byte) 0xf1, (byte) 0xe3, (byte) 0xff, (byte) 0xff}, 0, 4), "padding too long");
    }

    @Test
    void aBlockOverTheListLimitIsDecodedWholeButReportedTooLarge() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096);
        List<String> fields = new ArrayList<>();
        byte[] block = HexFormat.of().parseHex("400a6375 73746f6d2d6b6579 0d637573746f6d2d686561646572 82".replace(" ", ""));
        boolean whole = decoder.decode(block, 0, block.length, 60, (name, value) -> fields.addAll(List.of(name, value)));
        assertFalse(whole);
        assertEquals(List.of("custom-key", "custom-header"), fields);
        assertEquals(55, decoder.tableSize(), "the table follows the encoder even for a refused block");
    }

    private static void assertHuffman(String text, String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Huffman.encode(text, out);
        assertArrayEquals(bytes(hex), out.toByteArray(), text);
        assertEquals(out.size(), Huffman.encodedLength(text));
    }

    private static List<String> decode(HpackDecoder decoder, String hex) throws HpackDecoder.CompressionError {
        byte[] block = bytes(hex);
        List<String> fields = new ArrayList<>();
        decoder.decode(block, 0, block.length, 1 << 20, (name, value) -> fields.addAll(List.of(name, value)));
        return fields;
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }
}
