package org.openvault.backend.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.openvault.backend.database.Rows;
import org.openvault.backend.pages.PageRepository;

/** The SQL of editing the image library, on the caller's transaction. */
final class ImageEditRepository {

    private static final String COLUMNS = "id, title, description, file, width, height, file_size, focal_point_x,"
            + " focal_point_y, focal_point_width, focal_point_height, "
            + PageRepository.TS.formatted("created_at") + " AS created_at";

    /** What an upload stores. */
    record NewImage(String title, String description, String file, int width, int height, long fileSize,
                    String fileHash) {
    }

    int insert(DbExecute db, NewImage image) {
        return db.get("INSERT INTO image (title, description, file, width, height, file_size, file_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", image.title(), image.description(), image.file(),
                image.width(), image.height(), image.fileSize(), image.fileHash())
                .map(row -> Rows.intValue(row, "id")).orElseThrow();
    }

    Optional<AdminImage> find(DbExecute db, int id) {
        return db.get("SELECT " + COLUMNS + " FROM image WHERE id = ?", id).map(ImageEditRepository::image);
    }

    /** The image with its row locked until the transaction ends: its writers and deleters queue up. */
    Optional<AdminImage> lock(DbExecute db, int id) {
        return db.get("SELECT " + COLUMNS + " FROM image WHERE id = ? FOR UPDATE", id).map(ImageEditRepository::image);
    }

    /** Newest first; {@code search} (or null) must be contained in the title, in any case. */
    List<AdminImage> list(DbExecute db, String search, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (search != null && !search.isBlank()) {
            where = " WHERE lower(title) LIKE ?";
            params.add("%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        params.add(limit);
        params.add(offset);
        try (Stream<DbRow> rows = db.query("SELECT " + COLUMNS + " FROM image" + where
                + " ORDER BY image.created_at DESC, id DESC LIMIT ? OFFSET ?", params.toArray())) {
            return rows.map(ImageEditRepository::image).toList();
        }
    }

    void update(DbExecute db, int id, String title, String description, FocalPoint focalPoint) {
        db.update("UPDATE image SET title = ?, description = ?, focal_point_x = ?, focal_point_y = ?,"
                        + " focal_point_width = ?, focal_point_height = ? WHERE id = ?", title, description,
                focalPoint == null ? null : focalPoint.x(), focalPoint == null ? null : focalPoint.y(),
                focalPoint == null ? null : focalPoint.width(), focalPoint == null ? null : focalPoint.height(), id);
    }

    /** Deletes the image; its rendition rows go with it (ON DELETE CASCADE). */
    void delete(DbExecute db, int id) {
        db.delete("DELETE FROM image WHERE id = ?", id);
    }

    /** The files of the image's renditions. */
    List<String> renditionFiles(DbExecute db, int id) {
        try (Stream<DbRow> rows = db.query("SELECT DISTINCT file FROM image_rendition WHERE image_id = ?", id)) {
            return rows.map(row -> Rows.text(row, "file")).toList();
        }
    }

    private static AdminImage image(DbRow row) {
        Integer x = Rows.nullableInt(row, "focal_point_x");
        FocalPoint focalPoint = x == null ? null : new FocalPoint(x, Rows.intValue(row, "focal_point_y"),
                Rows.intValue(row, "focal_point_width"), Rows.intValue(row, "focal_point_height"));
        return new AdminImage(Rows.intValue(row, "id"), Rows.text(row, "title"), Rows.text(row, "description"),
                Rows.text(row, "file"), Rows.intValue(row, "width"), Rows.intValue(row, "height"),
                Rows.nullableLong(row, "file_size"), focalPoint, Rows.text(row, "created_at"));
    }
}
