package org.openvault.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL built from fixed fragments, every value a bound parameter (never part of the text). */
final class SqlText {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    SqlText(String start) {
        text.append(start);
    }

    SqlText append(String fragment, Object... values) {
        text.append(fragment);
        Collections.addAll(params, values);
        return this;
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement st = connection.prepareStatement(text.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof String[] array) {
                    st.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    st.setObject(i + 1, p);
                }
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
