package org.openvault.backend.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
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

    int insert(Statements db, NewImage image) {
        return db.one("INSERT INTO image (title, description, file, width, height, file_size, file_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getInt("id"), image.title(),
                image.description(), image.file(), image.width(), image.height(), image.fileSize(), image.fileHash())
                .orElseThrow();
    }

    Optional<AdminImage> find(Statements db, int id) {
        return db.one("SELECT " + COLUMNS + " FROM image WHERE id = ?", ImageEditRepository::image, id);
    }

    /** The image with its row locked until the transaction ends: its writers and deleters queue up. */
    Optional<AdminImage> lock(Statements db, int id) {
        return db.one("SELECT " + COLUMNS + " FROM image WHERE id = ? FOR UPDATE", ImageEditRepository::image, id);
    }

    /** Newest first; {@code search} (or null) must be contained in the title, in any case. */
    List<AdminImage> list(Statements db, String search, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (search != null && !search.isBlank()) {
            where = " WHERE lower(title) LIKE ?";
            params.add("%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        params.add(limit);
        params.add(offset);
        return db.list("SELECT " + COLUMNS + " FROM image" + where
                + " ORDER BY image.created_at DESC, id DESC LIMIT ? OFFSET ?", ImageEditRepository::image,
                params.toArray());
    }

    void update(Statements db, int id, String title, String description, FocalPoint focalPoint) {
        db.update("UPDATE image SET title = ?, description = ?, focal_point_x = ?, focal_point_y = ?,"
                        + " focal_point_width = ?, focal_point_height = ? WHERE id = ?", title, description,
                focalPoint == null ? null : focalPoint.x(), focalPoint == null ? null : focalPoint.y(),
                focalPoint == null ? null : focalPoint.width(), focalPoint == null ? null : focalPoint.height(), id);
    }

    /** Deletes the image; its rendition rows go with it (ON DELETE CASCADE). */
    void delete(Statements db, int id) {
        db.update("DELETE FROM image WHERE id = ?", id);
    }

    /** The files of the image's renditions. */
    List<String> renditionFiles(Statements db, int id) {
        return db.list("SELECT DISTINCT file FROM image_rendition WHERE image_id = ?", rs -> rs.getString("file"), id);
    }

    private static AdminImage image(ResultSet rs) throws SQLException {
        Integer x = Sql.nullableInt(rs, "focal_point_x");
        FocalPoint focalPoint = x == null ? null : new FocalPoint(x, rs.getInt("focal_point_y"),
                rs.getInt("focal_point_width"), rs.getInt("focal_point_height"));
        return new AdminImage(rs.getInt("id"), rs.getString("title"), rs.getString("description"),
                rs.getString("file"), rs.getInt("width"), rs.getInt("height"),
                Sql.nullableLong(rs, "file_size"), focalPoint, rs.getString("created_at"));
    }
}
