package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

import io.helidon.http.Status;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.validation.Violations;

/**
 * An image upload as it was sent ({@code multipart/form-data}: a {@code file} part, optional {@code title} and
 * {@code description} parts, and the {@code csrf_token} of a web admin form), its file spooled to a temporary file while its size and SHA-1 are counted, so that
 * no more than a small buffer is in memory and no more than the limit on disk. Closing deletes the temporary file.
 */
public final class UploadForm implements AutoCloseable {

    /** Room for what surrounds the file: boundaries, part headers, title and description. */
    static final long OVERHEAD_BYTES = 64 * 1024;
    /** The largest title or description part read (both are checked for their own, smaller, limits afterwards). */
    static final int MAX_FIELD_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 10;

    private final Path file;
    private final long size;
    private final String sha1;
    private final String filename;
    private final String title;
    private final String description;
    private final String csrfToken;

    private UploadForm(Path file, long size, String sha1, String filename, String title, String description,
                       String csrfToken) {
        this.file = file;
        this.size = size;
        this.sha1 = sha1;
        this.filename = filename;
        this.title = title;
        this.description = description;
        this.csrfToken = csrfToken;
    }

    /**
     * Reads the request body: 415 when it is not {@code multipart/form-data}, 413 when the file is larger than
     * {@code maxFileBytes} (or the body larger than that and its overhead), 400 when it is not well-formed multipart,
     * 422 (with pointers) when the file is missing or a field is unknown, repeated or too long.
     */
    public static UploadForm read(String contentType, OptionalLong contentLength, InputStream body, long maxFileBytes) {
        String boundary = MultipartReader.boundaryOf(contentType);
        if (boundary == null) {
            throw new AdminProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "send the image as multipart/form-data with a part named file");
        }
        long maxBody = maxFileBytes + OVERHEAD_BYTES;
        if (contentLength.isPresent() && contentLength.getAsLong() > maxBody) {
            throw tooLarge(maxFileBytes);
        }
        InputStream limited = new LimitedInput(body, maxBody, maxFileBytes);
        MultipartReader reader;
        try {
            reader = new MultipartReader(limited, boundary);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.badRequest("malformed_multipart", "the multipart boundary is not valid");
        }
        Spooled spooled = null;
        try {
            Violations violations = new Violations();
            String filename = null;
            String title = null;
            String description = null;
            String csrfToken = null;
            int parts = 0;
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                if (++parts > MAX_PARTS) {
                    throw AdminProblem.badRequest("malformed_multipart", "the body has more than " + MAX_PARTS + " parts");
                }
                String at = Violations.pointer("", part.name());
                switch (part.name()) {
                    case "file" -> {
                        if (spooled != null) {
                            violations.add(at, "repeated", "send one file per upload");
                        } else {
                            spooled = spool(part.content(), maxFileBytes);
                            filename = part.filename();
                        }
                    }
                    case "title" -> {
                        if (title != null) {
                            violations.add(at, "repeated", "send one title");
                        }
                        title = text(part.content(), at, violations);
                    }
                    case "description" -> {
                        if (description != null) {
                            violations.add(at, "repeated", "send one description");
                        }
                        description = text(part.content(), at, violations);
                    }
                    case "csrf_token" -> csrfToken = text(part.content(), at, violations);
                    default -> violations.add(at, "unknown_field", "unknown field " + part.name());
                }
            }
            if (spooled == null) {
                violations.add("/file", "required", "send the image as the part named file");
            }
            if (title != null) {
                ImageEditing.checkLength(title.strip(), "/title", ImageEditing.MAX_TITLE, violations);
            }
            if (description != null) {
                ImageEditing.checkLength(description.strip(), "/description", ImageEditing.MAX_DESCRIPTION, violations);
            }
            violations.throwIfAny();
            limited.transferTo(OutputStream.nullOutputStream()); // the epilogue, if any
            return new UploadForm(spooled.path, spooled.size, spooled.sha1, filename, title, description,
                    csrfToken);
        } catch (MultipartReader.MalformedException e) {
            deleteQuietly(spooled);
            throw AdminProblem.badRequest("malformed_multipart", "the body is not valid multipart/form-data: "
                    + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(spooled);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(spooled);
            throw e;
        }
    }

    /** The spooled file; valid until {@link #close}. */
    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** SHA-1 of the file, lower-case hex (Wagtail's {@code file_hash}). */
    String sha1() {
        return sha1;
    }

    /** The title part without surrounding white space (at most 255 characters), or null when none was sent. */
    public String title() {
        return title == null ? null : title.strip();
    }

    /** The description part without surrounding white space (at most 1000 characters), or null when none was sent. */
    public String description() {
        return description == null ? null : description.strip();
    }

    /** The form's CSRF token field, or null: a web admin form carries it in the body it protects. */
    public String csrfToken() {
        return csrfToken;
    }

    /** The title of an upload sent without one: its file name without folders and extension, or "Untitled". */
    String defaultTitle() {
        String name = filename == null ? "" : filename.substring(Math.max(filename.lastIndexOf('/'),
                filename.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        name = (dot >= 0 ? name.substring(0, dot) : name).strip();
        if (name.codePointCount(0, name.length()) > ImageEditing.MAX_TITLE) {
            name = name.substring(0, name.offsetByCodePoints(0, ImageEditing.MAX_TITLE)).strip();
        }
        return name.isEmpty() ? "Untitled" : name;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    private record Spooled(Path path, long size, String sha1) {
    }

    private static Spooled spool(InputStream content, long maxFileBytes) throws IOException {
        Path temp = Files.createTempFile("ov-upload-", ".part");
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            long size = 0;
            byte[] chunk = new byte[16384];
            try (OutputStream out = Files.newOutputStream(temp)) {
                for (int n = content.read(chunk); n >= 0; n = content.read(chunk)) {
                    size += n;
                    if (size > maxFileBytes) {
                        throw tooLarge(maxFileBytes);
                    }
                    sha1.update(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
            return new Spooled(temp, size, HexFormat.of().formatHex(sha1.digest()));
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(temp);
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static String text(InputStream content, String at, Violations violations) throws IOException {
        byte[] bytes = content.readNBytes(MAX_FIELD_BYTES + 1);
        if (bytes.length > MAX_FIELD_BYTES) {
            content.transferTo(OutputStream.nullOutputStream());
            violations.add(at, "too_long", at.substring(1) + " is longer than " + MAX_FIELD_BYTES + " bytes");
            return "";
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Spooled spooled) {
        if (spooled != null) {
            try {
                Files.deleteIfExists(spooled.path);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    static AdminProblem tooLarge(long maxFileBytes) {
        return new AdminProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                "the image is larger than " + maxFileBytes + " bytes, the most this site accepts")
                .with("max_bytes", maxFileBytes);
    }

    /** The request body, refused with 413 past {@code max} bytes: nothing reads more than the limit allows. */
    private static final class LimitedInput extends InputStream {

        private final InputStream in;
        private final long max;
        private final long maxFileBytes;
        private long read;

        LimitedInput(InputStream in, long max, long maxFileBytes) {
            this.in = in;
            this.max = max;
            this.maxFileBytes = maxFileBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = in.read(target, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(maxFileBytes);
            }
        }
    }
}
