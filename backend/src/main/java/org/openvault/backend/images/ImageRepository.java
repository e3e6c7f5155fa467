package org.openvault.backend.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** The SQL of the image library and its rendition cache. */
public final class ImageRepository {

    static final String IMAGE_COLUMNS = """
            id, title, file, width, height, focal_point_x, focal_point_y, focal_point_width, focal_point_height,
            description, array_to_string(tags, chr(31)) AS tag_list""";

    private final DbClient db;

    public ImageRepository(DbClient db) {
        this.db = db;
    }

    public Optional<Image> find(int id) {
        return db.execute().get("SELECT " + IMAGE_COLUMNS + " FROM image WHERE id = ?", id)
                .map(ImageRepository::image);
    }

    public Optional<Rendition> findRendition(int imageId, String filterSpec, String focalPointKey) {
        return db.execute()
                .get("SELECT file, width, height FROM image_rendition"
                        + " WHERE image_id = ? AND filter_spec = ? AND focal_point_key = ?",
                        imageId, filterSpec, focalPointKey)
                .map(ImageRepository::rendition);
    }

    /**
     * Records a generated rendition and answers the row that is stored: when a concurrent request (in this or
     * another backend process) stored the same rendition first, its row wins and this one is dropped.
     */
    public Rendition saveRendition(int imageId, String filterSpec, String focalPointKey, Rendition rendition) {
        db.execute().insert("INSERT INTO image_rendition (image_id, filter_spec, focal_point_key, file, width, height)"
                        + " VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ON CONSTRAINT image_rendition_unique DO NOTHING",
                imageId, filterSpec, focalPointKey, rendition.file(), rendition.width(), rendition.height());
        return findRendition(imageId, filterSpec, focalPointKey).orElse(rendition);
    }

    /** The image and filter spec a stored rendition file was made from, to re-create a lost file. */
    public Optional<RenditionSource> renditionSource(String file) {
        return db.execute()
                .get("SELECT image_id, filter_spec FROM image_rendition WHERE file = ? LIMIT 1", file)
                .map(row -> new RenditionSource(
                        row.column("image_id").get(Integer.class),
                        row.column("filter_spec").get(String.class)));
    }

    /** Images matching a checked query, in its order and page. */
    List<Image> list(ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add((long) query.limit());
        params.add((long) query.offset());
        return db.execute()
                .createQuery("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where()
                        + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?")
                .params(params)
                .execute()
                .map(ImageRepository::image)
                .toList();
    }

    long count(ImageQuery query) {
        return db.execute()
                .createGet("SELECT count(*) AS n FROM image WHERE " + query.where())
                .params(query.params())
                .execute()
                .map(row -> ((Number) row.column("n").get()).longValue())
                .orElse(0L);
    }

    /** The image with this id if it also matches the query's filters (detail views apply filters too). */
    Optional<Image> find(int id, ImageQuery query) {
        List<Object> params = new ArrayList<>(query.params());
        params.add(id);
        return db.execute()
                .createGet("SELECT " + IMAGE_COLUMNS + " FROM image WHERE " + query.where() + " AND id = ?")
                .params(params)
                .execute()
                .map(ImageRepository::image);
    }

    /** Where a rendition file came from. */
    public record RenditionSource(int imageId, String filterSpec) {
    }

    static Image image(DbRow row) {
        Integer fx = nullableInt(row, "focal_point_x");
        FocalPoint focalPoint = fx == null ? null : new FocalPoint(fx,
                nullableInt(row, "focal_point_y"),
                nullableInt(row, "focal_point_width"),
                nullableInt(row, "focal_point_height"));
        String tagList = row.column("tag_list").asOptional().map(String::valueOf).orElse(null);
        List<String> tags = new ArrayList<>();
        if (tagList != null && !tagList.isEmpty()) {
            tags.addAll(List.of(tagList.split("\u001f")));
            tags.sort(null);
        }
        return new Image(
                row.column("id").get(Integer.class),
                row.column("title").get(String.class),
                row.column("file").get(String.class),
                row.column("width").get(Integer.class),
                row.column("height").get(Integer.class),
                focalPoint,
                row.column("description").get(String.class),
                List.copyOf(tags));
    }

    private static Rendition rendition(DbRow row) {
        return new Rendition(
                row.column("file").get(String.class),
                row.column("width").get(Integer.class),
                row.column("height").get(Integer.class));
    }

    private static Integer nullableInt(DbRow row, String column) {
        return row.column(column).asOptional().map(value -> ((Number) value).intValue()).orElse(null);
    }
}
