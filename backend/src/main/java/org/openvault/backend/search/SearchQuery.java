package org.openvault.backend.search;

import java.util.List;

/**
 * A parsed search query: the tree of the simple query syntax the search page's Help tab documents. Words are lower
 * case and made of letters and digits only.
 */
public sealed interface SearchQuery {

    /** One word; {@code prefix} for {@code word*} and bare words, {@code fuzziness} ≥ 0 for {@code word~N}. */
    record Word(String word, boolean prefix, int fuzziness) implements SearchQuery {
        public boolean fuzzy() {
            return fuzziness >= 0;
        }
    }

    /** {@code "words in a row"}, or with {@code ~slop} words at most {@code slop} extra positions apart. */
    record Phrase(List<String> words, int slop) implements SearchQuery {
    }

    record Not(SearchQuery query) implements SearchQuery {
    }

    record All(List<SearchQuery> queries) implements SearchQuery {
    }

    record Any(List<SearchQuery> queries) implements SearchQuery {
    }
}
