package org.openvault.proxy.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An upstream's head read from its bytes: framing, hop-by-hop lines, names in any letter case, lines passed on as they came. */
class ResponseHeadTest {

    @Test
    void linesGoOnAsTheyCameTrimmedAndHopByHopOnesStay() throws IOException {
        ResponseHead head = parse("HTTP/1.1 200 OK\r\nX-Thing:  a  b \r\nKEEP-ALIVE: timeout=5\r\nConnection: X-Secret, close\r\n"
                + "x-secret: 1\r\nContent-Length: 12\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n");
        assertEquals(200, head.code());
        assertEquals(12, head.contentLength());
        assertTrue(head.close());
        HeadBytes relayed = new HeadBytes();
        for (int i = 0; i < head.size(); i++) {
            if (head.relayed(i)) {
                head.appendLine(i, relayed);
            }
        }
        assertEquals("X-Thing: a  b\r\nContent-Length: 12\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n", text(relayed));
        assertEquals("a  b", head.first("x-thing"));
        assertEquals("a=1", head.first("SET-COOKIE"));
        assertNull(head.first("X-Thin"));
    }

    @Test
    void aTransferEncodingTakesTheContentLengthsPlace() throws IOException {
        ResponseHead head = parse("HTTP/1.1 200 OK\r\ncontent-length: 5\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n");
        assertTrue(head.chunked());
        assertEquals(-1, head.contentLength());
        assertFalse(head.relayed(0));
        assertFalse(head.relayed(1));
    }

    @Test
    void namesCompareByLetterCaseOnlyForLetters() throws IOException {
        ResponseHead head = parse("HTTP/1.1 204 No Content\r\nX-A-B: 1\r\nx@y: 2\r\n\r\n");
        assertTrue(head.nameIs(0, "x-a-b"));
        assertTrue(head.nameIs(0, "X-A-B"));
        assertFalse(head.nameIs(0, "x-a-c"));
        assertFalse(head.nameIs(0, "x\ra-b"));
        assertFalse(head.nameIs(1, "x`y"));
        assertTrue(head.nameIs(1, "X@Y"));
    }

    @Test
    void conflictingLengthsAreRefused() {
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\n: 5\r\n\r\n"));
    }

    private static ResponseHead parse(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                lines.add(new int[] {from, i});
                from = i + 2;
            }
        }
        ResponseHead head = ResponseHead.statusLine(bytes, lines.get(0)[0], lines.get(0)[1]);
        for (int[] line : lines.subList(1, lines.size())) {
            if (line[0] < line[1]) {
                head.addLine(bytes, line[0], line[1]);
            }
        }
        return head;
    }

    private static String text(HeadBytes head) {
        var buffer = head.buffer();
        return new String(buffer.array(), buffer.position(), buffer.remaining(), StandardCharsets.ISO_8859_1);
    }
}
