package org.openvault.backend.images;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openvault.backend.database.Sql;

/** The SQL of the image library and its rendition cache. */
public final class ImageRepository {

    private static final String IMAGE_COLUMNS = """
            id, title, file, width, height, focal_point_x, focal_point_y, focal_point_width, focal_point_height,
            description, tags""";

    private final Sql sql;

    public ImageRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<Image> find(int id) {
        return first(sql.query("SELECT " + IMAGE_COLUMNS + " FROM image WHERE id = ?", List.of(id), ImageRepository::image));
    }

    public Optional<Rendition> findRendition(int imageId, String filterSpec, String focalPointKey) {
        return first(sql.query("SELECT file, width, height FROM image_rendition"
                        + " WHERE image_id = ? AND filter_spec = ? AND focal_point_key = ?",
                List.of(imageId, filterSpec, focalPointKey), ImageRepository::rendition));
    }

    /**
     * Records a generated rendition and answers the row that is stored: when a concurrent request (in this or
     * another backend process) stored the same rendition first, its row wins and this one is dropped.
     */
    public Rendition saveRendition(int imageId, String filterSpec, String focalPointKey, Rendition rendition) {
        List<Rendition> inserted = sql.query(
                "INSERT INTO image_rendition (image_id, filter_spec, focal_point_key, file, width, height)"
                        + " VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ON CONSTRAINT image_rendition_unique DO NOTHING"
                        + " RETURNING file, width, height",
                List.of(imageId, filterSpec, focalPointKey, rendition.file(), rendition.width(), rendition.height()),
                ImageRepository::rendition);
        return inserted.isEmpty() ? findRendition(imageId, filterSpec, focalPointKey).orElse(rendition) : inserted.getFirst();
    }

    /** The image and filter spec a stored rendition file was made from, to re-create a lost file. */
    public Optional<RenditionSource> renditionSource(String file) {
        return first(sql.query("SELECT image_id, filter_spec FROM image_rendition WHERE file = ? LIMIT 1", List.of(file),
                rs -> new RenditionSource(rs.getInt("image_id"), rs.getString("filter_spec"))));
    }

    /** Where a rendition file came from. */
    public record RenditionSource(int imageId, String filterSpec) {
    }

    /** Images matching a checked query, in its order and page. */
    List<Image> list(ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add((long) query.limit());
        params.add((long) query.offset());
        return sql.query("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where()
                + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?", params, ImageRepository::image);
    }

    long count(ImageQuery query) {
        return sql.query("SELECT count(*) FROM image WHERE " + query.where(), query.params(), rs -> rs.getLong(1))
                .getFirst();
    }

    /** The image with this id if it also matches the query's filters (detail views apply filters too). */
    Optional<Image> find(int id, ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add(id);
        return first(sql.query("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where() + " AND id = ?",
                params, ImageRepository::image));
    }

    private static Image image(ResultSet rs) throws SQLException {
        Integer fx = Sql.nullableInt(rs, "focal_point_x");
        FocalPoint focalPoint = fx == null ? null : new FocalPoint(fx,
                rs.getInt("focal_point_y"), rs.getInt("focal_point_width"), rs.getInt("focal_point_height"));
        Array array = rs.getArray("tags");
        List<String> tags = new ArrayList<>(array == null ? List.of() : Arrays.asList((String[]) array.getArray()));
        tags.sort(null);
        return new Image(rs.getInt("id"), rs.getString("title"), rs.getString("file"), rs.getInt("width"),
                rs.getInt("height"), focalPoint, rs.getString("description"), List.copyOf(tags));
    }

    private static Rendition rendition(ResultSet rs) throws SQLException {
        return new Rendition(rs.getString("file"), rs.getInt("width"), rs.getInt("height"));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }
}
