package org.openvault.backend.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * What editors do to the image library, each change in one transaction with its audit entry: upload (the file is
 * stored first, under a random name, and removed again when the row cannot be written), change title, alt text and
 * focal point, delete (refused while the image is used; its files go after the commit).
 * <p>
 * The {@code image} table advances the content version, so every committed change shows in the next public answer:
 * renditions are looked up by focal point key, so a moved focal point gets new renditions at once.
 */
public final class ImageEditing {

    static final int MAX_TITLE = 255;
    static final int MAX_DESCRIPTION = 1000;
    static final String ORIGINALS = "original_images/";

    private static final Logger LOG = Logger.getLogger(ImageEditing.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final ImageEditRepository images = new ImageEditRepository();
    private final ImageStorage storage;
    private final AuditLog audit;
    private final ImageInspector inspector;

    /** {@code maxPixels}: the largest width × height an upload may have. */
    public ImageEditing(Sql sql, ImageStorage storage, AuditLog audit, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("ov.media.max-upload-pixels must be positive");
        }
        this.sql = sql;
        this.storage = storage;
        this.audit = audit;
        this.inspector = new ImageInspector(maxPixels);
    }

    /** The changes a PATCH asks for; a null member is left as it is. {@code clearFocalPoint} removes it. */
    public record Changes(String title, String description, FocalPoint focalPoint, boolean clearFocalPoint) {
    }

    Map<String, Object> get(int id) {
        AdminImage image = images.find(sql, id).orElseThrow(ImageEditing::noSuchImage);
        return image.json(storage, ImageUsage.of(sql, id));
    }

    /** One image for the web admin's screens; 404 when there is none. */
    public AdminImage image(int id) {
        return images.find(sql, id).orElseThrow(ImageEditing::noSuchImage);
    }

    /** Where the image is used: pages (live or draft) and authors. */
    public List<ImageUsage.Use> usage(int id) {
        return ImageUsage.of(sql, id);
    }

    /** Newest first; {@code search} (or null) must be contained in the title. */
    public List<AdminImage> images(String search, int limit, int offset) {
        return images.list(sql, search, limit, offset);
    }

    /** The URL the original is served at ({@code /media/original_images/…} locally). */
    public String originalUrl(AdminImage image) {
        return storage.url(image.file());
    }

    List<Map<String, Object>> list(String search, int limit, int offset) {
        return images.list(sql, search, limit, offset).stream()
                .map(image -> image.json(storage, null)).toList();
    }

    /** Checks and stores an upload; answers the new image. */
    public Map<String, Object> upload(Caller caller, UploadForm form) {
        ImageInspector.Inspected inspected = inspector.inspect(form.file());
        String title = form.title() == null || form.title().isEmpty() ? form.defaultTitle() : form.title();
        String description = form.description() == null ? "" : form.description();

        String file = ORIGINALS + randomName() + "." + inspected.format().extension();
        try {
            storage.write(file, form.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload as " + file, e);
        }
        try {
            return sql.inTransaction(tx -> {
                int id = images.insert(tx, new ImageEditRepository.NewImage(title, description, file,
                        inspected.width(), inspected.height(), form.size(), form.sha1()));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("file", file);
                details.put("format", inspected.format().name().toLowerCase(java.util.Locale.ROOT));
                details.put("width", inspected.width());
                details.put("height", inspected.height());
                details.put("file_size", form.size());
                audit.record(tx, caller, "image.upload", subject(id, title), details);
                return images.find(tx, id).orElseThrow().json(storage, List.of());
            });
        } catch (RuntimeException e) {
            // Nothing half-written stays: without its row the stored file would be an orphan nobody can reach.
            deleteFile(file);
            throw e;
        }
    }

    /** Applies the changes that differ from what is stored; answers the image. */
    public Map<String, Object> update(Caller caller, int id, Changes changes) {
        return sql.inTransaction(tx -> {
            AdminImage image = images.lock(tx, id).orElseThrow(ImageEditing::noSuchImage);
            if (changes.focalPoint() != null) {
                Violations violations = new Violations();
                checkInside(changes.focalPoint(), image, violations);
                violations.throwIfAny();
            }
            String title = changes.title() == null ? image.title() : changes.title();
            String description = changes.description() == null ? image.description() : changes.description();
            FocalPoint focalPoint = changes.clearFocalPoint() ? null
                    : changes.focalPoint() == null ? image.focalPoint() : changes.focalPoint();
            List<String> changed = new ArrayList<>();
            if (!title.equals(image.title())) {
                changed.add("title");
            }
            if (!description.equals(image.description())) {
                changed.add("description");
            }
            if (!Objects.equals(focalPoint, image.focalPoint())) {
                changed.add("focal_point");
            }
            if (!changed.isEmpty()) {
                images.update(tx, id, title, description, focalPoint);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("changed", changed);
                if (changed.contains("title")) {
                    details.put("old_title", image.title());
                }
                if (changed.contains("focal_point")) {
                    details.put("focal_point", focalPoint == null ? null : FocalPoint.keyOf(focalPoint));
                }
                audit.record(tx, caller, "image.update", subject(id, title), details);
            }
            return images.find(tx, id).orElseThrow().json(storage, ImageUsage.of(tx, id));
        });
    }

    /**
     * Deletes an image no page or author uses (else 409 {@code image_in_use} with the {@code usage}), its rendition
     * rows with it; its files (original and renditions) are removed after the commit, a failure there only logged.
     */
    public void delete(Caller caller, int id) {
        List<String> files = sql.inTransaction(tx -> {
            AdminImage image = images.lock(tx, id).orElseThrow(ImageEditing::noSuchImage);
            List<ImageUsage.Use> usage = ImageUsage.of(tx, id);
            if (!usage.isEmpty()) {
                throw AdminProblem.conflict("image_in_use", "the image is used by " + usage.size()
                                + (usage.size() == 1 ? " page or author" : " pages or authors")
                                + "; replace it there first")
                        .with("usage", usage.stream().map(ImageUsage.Use::json).toList());
            }
            List<String> stored = new ArrayList<>(images.renditionFiles(tx, id));
            stored.addFirst(image.file());
            images.delete(tx, id);
            audit.record(tx, caller, "image.delete", subject(id, image.title()),
                    Map.of("file", image.file(), "renditions", stored.size() - 1));
            return stored;
        });
        files.forEach(this::deleteFile);
    }

    /** The focal area must lie inside the image: its centre, and its box around the centre. */
    private static void checkInside(FocalPoint point, AdminImage image, Violations violations) {
        String at = "/focal_point";
        if (point.x() > image.width()) {
            violations.add(at + "/x", "out_of_bounds", "x must be at most the image width, " + image.width());
        } else if (point.width() > image.width() || point.x() - point.width() / 2.0 < 0
                || point.x() + point.width() / 2.0 > image.width()) {
            violations.add(at + "/width", "out_of_bounds",
                    "the focal area (x ± width/2) must lie within the image width, 0–" + image.width());
        }
        if (point.y() > image.height()) {
            violations.add(at + "/y", "out_of_bounds", "y must be at most the image height, " + image.height());
        } else if (point.height() > image.height() || point.y() - point.height() / 2.0 < 0
                || point.y() + point.height() / 2.0 > image.height()) {
            violations.add(at + "/height", "out_of_bounds",
                    "the focal area (y ± height/2) must lie within the image height, 0–" + image.height());
        }
    }

    static void checkLength(String text, String pointer, int max, Violations violations) {
        if (text.codePointCount(0, text.length()) > max) {
            violations.add(pointer, "too_long", pointer.substring(1) + " is longer than " + max + " characters");
        }
    }

    private void deleteFile(String file) {
        try {
            storage.delete(file);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot delete the image file " + file + "; it is left behind", e);
        }
    }

    /** 16 random bytes in hex: the stored name tells nothing of the uploaded one and collides with none. */
    private static String randomName() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static AuditLog.Subject subject(int id, String title) {
        return new AuditLog.Subject("image", id, title);
    }

    private static AdminProblem noSuchImage() {
        return AdminProblem.notFound("no such image");
    }
}
