package org.openvault.backend.search;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code ?search=} on the Wagtail-style listings (/api/v2/pages/, /exhibits/, /collections/, spec backend §3.2):
 * the same index and query syntax as /api/v2/search/, as a condition on the listing's {@code page p} and a
 * relevance order (used when no {@code order} is given). Needs no database round trip (no fuzzy expansion:
 * {@code word~} matches the word itself here). Pages outside the index (home, drafts) are never found.
 *
 * @param where       SQL condition on {@code p}
 * @param whereParams its parameters, in order
 * @param order       SQL ORDER BY, most relevant first
 * @param orderParams its parameters, in order
 */
public record ListingSearch(String where, Object[] whereParams, String order, Object[] orderParams) {

    private static final String WHERE = "p.id IN (SELECT d.page_id FROM search_document d"
            + " WHERE d.document @@ to_tsquery('english', ?)"
            // only stop words ("the"): a title substring match, like /api/v2/search/ (UNION keeps the GIN index usable)
            + " UNION ALL SELECT d.page_id FROM search_document d"
            + " WHERE numnode(to_tsquery('english', ?)) = 0 AND lower(d.title) LIKE ?)";
    private static final String ORDER = "(SELECT " + PageSearchRepository.RANK
            + " FROM search_document d WHERE d.page_id = p.id) DESC NULLS LAST, p.id";

    /** {@code allWords}: {@code search_operator=and}, words joined by whitespace must all match. */
    public static ListingSearch of(String text, boolean allWords) {
        Optional<SearchQuery> parsed;
        try {
            parsed = SearchQueryParser.parse(text, allWords);
        } catch (RuntimeException e) {
            parsed = SearchQueryParser.plain(text);
        }
        if (parsed.isEmpty()) {
            return new ListingSearch("false", new Object[0], "p.id", new Object[0]);
        }
        TsQueryText ts = TsQueryText.of(parsed.get(), java.util.Map.of());
        String like = "%" + CompiledQuery.likeEscape(String.join(" ", SearchQueryParser.words(text))
                .toLowerCase(Locale.ROOT)) + "%";
        return new ListingSearch(WHERE, new Object[] {ts.match(), ts.match(), like},
                ORDER, new Object[] {ts.ranking(), ts.ranking(), ts.exact()});
    }
}
