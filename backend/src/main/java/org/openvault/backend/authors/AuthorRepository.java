package org.openvault.backend.authors;

import java.util.List;
import java.util.Optional;

import org.openvault.backend.database.Sql;

/** Reads authors, ordered by id. */
public final class AuthorRepository {

    private final Sql sql;

    public AuthorRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Author> slice(int offset, int limit) {
        return sql.query("SELECT id, name, image_id, bio FROM author ORDER BY id LIMIT ? OFFSET ?",
                List.of(limit, offset), rs -> new Author(rs.getLong("id"), rs.getString("name"),
                        Sql.nullableInt(rs, "image_id"), rs.getString("bio")));
    }

    public long count() {
        return sql.query("SELECT count(*) FROM author", List.of(), rs -> rs.getLong(1)).get(0);
    }

    public Optional<Author> byId(long id) {
        return sql.query("SELECT id, name, image_id, bio FROM author WHERE id = ?", List.of(id),
                rs -> new Author(rs.getLong("id"), rs.getString("name"), Sql.nullableInt(rs, "image_id"),
                        rs.getString("bio"))).stream().findFirst();
    }
}
