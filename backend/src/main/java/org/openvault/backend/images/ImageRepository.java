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
        return sql.one("SELECT " + IMAGE_COLUMNS + " FROM image WHERE id = ?", ImageRepository::image, id);
    }

    public Optional<Rendition> findRendition(int imageId, String filterSpec, String focalPointKey) {
        return sql.one("SELECT file, width, height FROM image_rendition"
                        + " WHERE image_id = ? AND filter_spec = ? AND focal_point_key = ?",
                ImageRepository::rendition, imageId, filterSpec, focalPointKey);
    }

    /**
     * Records a generated rendition and answers the row that is stored: when a concurrent request (in this or
     * another backend process) stored the same rendition first, its row wins and this one is dropped.
     */
    public Rendition saveRendition(int imageId, String filterSpec, String focalPointKey, Rendition rendition) {
        Optional<Rendition> inserted = sql.one(
                "INSERT INTO image_rendition (image_id, filter_spec, focal_point_key, file, width, height)"
                        + " VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ON CONSTRAINT image_rendition_unique DO NOTHING"
                        + " RETURNING file, width, height",
                ImageRepository::rendition, imageId, filterSpec, focalPointKey, rendition.file(), rendition.width(),
                rendition.height());
        return inserted.or(() -> findRendition(imageId, filterSpec, focalPointKey)).orElse(rendition);
    }

    /** The image and filter spec a stored rendition file was made from, to re-create a lost file. */
    public Optional<RenditionSource> renditionSource(String file) {
        return sql.one("SELECT image_id, filter_spec FROM image_rendition WHERE file = ? LIMIT 1",
                rs -> new RenditionSource(rs.getInt("image_id"), rs.getString("filter_spec")), file);
    }

    /** Where a rendition file came from. */
    public record RenditionSource(int imageId, String filterSpec) {
    }

    /** Images matching a checked query, in its order and page. */
    List<Image> list(ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add((long) query.limit());
        params.add((long) query.offset());
        return sql.list("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where()
                + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?", ImageRepository::image, params.toArray());
    }

    long count(ImageQuery query) {
        return sql.one("SELECT count(*) FROM image WHERE " + query.where(), rs -> rs.getLong(1),
                query.params().toArray()).orElseThrow();
    }

    /** The image with this id if it also matches the query's filters (detail views apply filters too). */
    Optional<Image> find(int id, ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add(id);
        return sql.one("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where() + " AND id = ?",
                ImageRepository::image, params.toArray());
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
}
