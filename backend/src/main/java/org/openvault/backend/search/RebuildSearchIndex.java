package org.openvault.backend.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Command: rebuilds every search document and the fuzzy vocabulary in one transaction
 * ({@code SELECT search_rebuild()}). Triggers keep the index current; this is for repairs and bulk loads.
 * {@code java -cp 'backend/target/backend.jar:backend/target/libs/*' org.openvault.backend.search.RebuildSearchIndex}
 * with OV_DB_URL, OV_DB_USER, OV_DB_PASSWORD.
 */
public final class RebuildSearchIndex {

    private RebuildSearchIndex() {
    }

    public static void main(String[] args) throws SQLException {
        String url = System.getenv().getOrDefault("OV_DB_URL", "jdbc:postgresql://127.0.0.1:5432/openvault");
        try (Connection connection = DriverManager.getConnection(url,
                System.getenv().getOrDefault("OV_DB_USER", "postgres"),
                System.getenv().getOrDefault("OV_DB_PASSWORD", ""))) {
            System.out.printf("Search index of %s rebuilt: %d documents%n", url, rebuild(connection));
        }
    }

    public static int rebuild(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT search_rebuild()")) {
            rs.next();
            int documents = rs.getInt(1);
            connection.commit();
            return documents;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
