package org.openvault.backend.images;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.validation.ValidationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The upload's multipart reading and format sniffing, without a server: boundaries anywhere in the reads. */
class ImageUploadFormTest {

    private static final String BOUNDARY = "xYz-boundary";

    @Test
    void partsComeBackByteForByteHoweverTheBodyIsCutIntoReads() throws IOException {
        Random random = new Random(20260101);
        for (int round = 0; round < 200; round++) {
            List<byte[]> contents = new ArrayList<>();
            int parts = 1 + random.nextInt(4);
            for (int i = 0; i < parts; i++) {
                byte[] content = new byte[random.nextInt(round % 10 == 0 ? 70_000 : 300)];
                random.nextBytes(content);
                // Sprinkle what looks like the start of a delimiter into the content.
                byte[] almost = ("\r\n--" + BOUNDARY.substring(0, random.nextInt(BOUNDARY.length())))
                        .getBytes(StandardCharsets.US_ASCII);
                if (content.length > almost.length) {
                    int at = random.nextInt(content.length - almost.length);
                    System.arraycopy(almost, 0, content, at, almost.length);
                }
                contents.add(content);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < parts; i++) {
                body.writeBytes(("--" + BOUNDARY + (i == 0 ? " \t" : "") + "\r\nContent-Disposition: form-data;"
                        + " name=\"part" + i + "\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(contents.get(i));
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.writeBytes(("--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));

            MultipartReader reader = new MultipartReader(new Trickle(body.toByteArray(), random), BOUNDARY);
            for (int i = 0; i < parts; i++) {
                MultipartReader.Part part = reader.next();
                assertEquals("part" + i, part.name());
                assertNull(part.filename());
                assertArrayEquals(contents.get(i), part.content().readAllBytes(), "round " + round + ", part " + i);
            }
            assertNull(reader.next());
        }
    }

    @Test
    void unreadPartsAreSkippedAndHeadersParsed() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\dir\\\\"
                + "Pier \\\"one\\\".JPG\"\r\nContent-Type: image/jpeg\r\n\r\nbytes\r\n--" + BOUNDARY + "\r\n"
                + "content-disposition: form-data; name=title\r\n\r\nA title\r\n--" + BOUNDARY + "--";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                BOUNDARY);
        MultipartReader.Part file = reader.next();
        assertEquals("file", file.name());
        assertEquals("C:\\dir\\Pier \"one\".JPG", file.filename());
        MultipartReader.Part title = reader.next();
        assertEquals("title", title.name());
        assertEquals("A title", new String(title.content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(reader.next());
    }

    @Test
    void malformedBodiesAreRefused() {
        assertThrows(MultipartReader.MalformedException.class, () -> readAll("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"));
        assertThrows(MultipartReader.MalformedException.class, () -> readAll("--" + BOUNDARY
                + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--"));
        assertThrows(MultipartReader.MalformedException.class, () -> readAll("--" + BOUNDARY
                + "\r\nX-Long: " + "a".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n\r\nx\r\n--" + BOUNDARY + "--"));
        assertThrows(MultipartReader.MalformedException.class, () -> readAll("--" + BOUNDARY + "junk\r\n"));
        assertThrows(IllegalArgumentException.class, () -> new MultipartReader(InputStream.nullInputStream(),
                "b".repeat(71)));
    }

    @Test
    void theBoundaryComesFromAMultipartFormDataTypeOnly() {
        assertEquals("abc", MultipartReader.boundaryOf("multipart/form-data; boundary=abc"));
        assertEquals("a b:c", MultipartReader.boundaryOf("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c\""));
        assertNull(MultipartReader.boundaryOf("multipart/mixed; boundary=abc"));
        assertNull(MultipartReader.boundaryOf("multipart/form-data"));
        assertNull(MultipartReader.boundaryOf(null));
    }

    @Test
    void formTakesTheFileTitleAndDescriptionAndCountsSizeAndHash() throws Exception {
        byte[] file = "\u0089PNG not really".getBytes(StandardCharsets.ISO_8859_1);
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"/tmp/"
                + "x".repeat(300) + ".png\"\r\n\r\n" + new String(file, StandardCharsets.ISO_8859_1) + "\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nAlt\r\n--" + BOUNDARY
                + "--\r\n";
        try (UploadForm form = UploadForm.read("multipart/form-data; boundary=" + BOUNDARY, OptionalLong.empty(),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), 1000)) {
            assertArrayEquals(file, Files.readAllBytes(form.file()));
            assertEquals(file.length, form.size());
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(file)), form.sha1());
            assertNull(form.title());
            assertEquals("Alt", form.description());
            assertEquals("x".repeat(255), form.defaultTitle());
            form.close();
            assertFalse(Files.exists(form.file()), "closing deletes the temporary file");
        }
    }

    @Test
    void limitsAndTypesOfTheForm() {
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        String big = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"
                + "z".repeat(2000) + "\r\n--" + BOUNDARY + "--";
        AdminProblem tooLarge = assertThrows(AdminProblem.class, () -> UploadForm.read(type, OptionalLong.empty(),
                new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII)), 1000));
        assertEquals(413, tooLarge.status().code());
        AdminProblem announced = assertThrows(AdminProblem.class, () -> UploadForm.read(type,
                OptionalLong.of(1000 + UploadForm.OVERHEAD_BYTES + 1), InputStream.nullInputStream(), 1000));
        assertEquals(413, announced.status().code());
        AdminProblem json = assertThrows(AdminProblem.class, () -> UploadForm.read("application/json",
                OptionalLong.empty(), InputStream.nullInputStream(), 1000));
        assertEquals(415, json.status().code());
        String noFile = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n--" + BOUNDARY
                + "--";
        ValidationException missing = assertThrows(ValidationException.class, () -> UploadForm.read(type,
                OptionalLong.empty(), new ByteArrayInputStream(noFile.getBytes(StandardCharsets.US_ASCII)), 1000));
        assertEquals("/file", missing.violations().getFirst().pointer());
    }

    @Test
    void formatsAreToldByTheirFirstBytes() {
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}));
        assertEquals(ImageFormat.GIF, ImageFormat.sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ImageFormat.GIF, ImageFormat.sniff("GIF87a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ImageFormat.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ImageFormat.sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ImageFormat.sniff(new byte[] {(byte) 0xff, (byte) 0xd8}));
        assertNull(ImageFormat.sniff(new byte[0]));
    }

    private static void readAll(String body) throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                BOUNDARY);
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            part.content().readAllBytes();
        }
    }

    /** Hands out the body in reads of random small sizes, as a network does. */
    private static final class Trickle extends InputStream {

        private final byte[] bytes;
        private final Random random;
        private int pos;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(40)), bytes.length - pos);
            System.arraycopy(bytes, pos, target, offset, n);
            pos += n;
            return n;
        }
    }
}
