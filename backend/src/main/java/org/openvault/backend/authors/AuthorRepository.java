package org.openvault.backend.authors;

import java.sql.ResultSet;
import java.sql.SQLException;
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
        return sql.list("SELECT id, name, image_id, bio FROM author ORDER BY id LIMIT ? OFFSET ?",
                AuthorRepository::author, limit, offset);
    }

    public long count() {
        return sql.one("SELECT count(*) FROM author", rs -> rs.getLong(1)).orElseThrow();
    }

    public Optional<Author> byId(long id) {
        return sql.one("SELECT id, name, image_id, bio FROM author WHERE id = ?", AuthorRepository::author, id);
    }

    private static Author author(ResultSet rs) throws SQLException {
        return new Author(rs.getLong("id"), rs.getString("name"), Sql.nullableInt(rs, "image_id"), rs.getString("bio"));
    }
}
