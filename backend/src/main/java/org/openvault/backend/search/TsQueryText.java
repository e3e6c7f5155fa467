package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link SearchQuery} into the text of a PostgreSQL tsquery, to be bound as a parameter of
 * {@code to_tsquery('english', ?)} (never concatenated into SQL). Words are letters and digits only, so the
 * text is always valid tsquery syntax.
 *
 * @param match   what a document must match
 * @param ranking the positive words and phrases ORed (ranking and highlighting; negations never highlight)
 * @param exact   like {@code ranking} without prefixes: a whole-word title match ranks higher
 */
public record TsQueryText(String match, String ranking, String exact) {

    /** Renders the query; {@code similarWords} holds the expansions of each fuzzy word (it may lack some). */
    public static TsQueryText of(SearchQuery query, Map<String, List<String>> similarWords) {
        List<SearchQuery> positives = new ArrayList<>();
        collectPositives(query, false, positives);
        String ranking = positives.isEmpty() ? render(query, similarWords, true)
                : positives.stream().map(q -> render(q, similarWords, true)).collect(Collectors.joining(" | "));
        String exact = positives.isEmpty() ? ranking
                : positives.stream().map(q -> render(q, similarWords, false)).collect(Collectors.joining(" | "));
        return new TsQueryText(render(query, similarWords, true), ranking, exact);
    }

    /** The fuzzy words ({@code word~N}) of a query, whose similar words must be looked up. */
    public static Set<SearchQuery.Word> fuzzyWords(SearchQuery query) {
        Set<SearchQuery.Word> words = new java.util.LinkedHashSet<>();
        collectFuzzy(query, words);
        return words;
    }

    private static void collectFuzzy(SearchQuery q, Set<SearchQuery.Word> into) {
        switch (q) {
            case SearchQuery.Word w when w.fuzziness() > 0 -> into.add(w);
            case SearchQuery.Word w -> { }
            case SearchQuery.Phrase p -> { }
            case SearchQuery.Not n -> collectFuzzy(n.query(), into);
            case SearchQuery.All a -> a.queries().forEach(c -> collectFuzzy(c, into));
            case SearchQuery.Any a -> a.queries().forEach(c -> collectFuzzy(c, into));
        }
    }

    private static void collectPositives(SearchQuery q, boolean negated, List<SearchQuery> into) {
        switch (q) {
            case SearchQuery.Word w -> {
                if (!negated) {
                    into.add(w);
                }
            }
            case SearchQuery.Phrase p -> {
                if (!negated) {
                    into.add(p);
                }
            }
            case SearchQuery.Not n -> collectPositives(n.query(), !negated, into);
            case SearchQuery.All a -> a.queries().forEach(c -> collectPositives(c, negated, into));
            case SearchQuery.Any a -> a.queries().forEach(c -> collectPositives(c, negated, into));
        }
    }

    private static String render(SearchQuery q, Map<String, List<String>> similar, boolean prefixes) {
        return switch (q) {
            case SearchQuery.Word w -> word(w, similar, prefixes);
            case SearchQuery.Phrase p -> phrase(p);
            case SearchQuery.Not n -> "!(" + render(n.query(), similar, prefixes) + ")";
            case SearchQuery.All a -> a.queries().stream().map(c -> render(c, similar, prefixes))
                    .collect(Collectors.joining(" & ", "(", ")"));
            case SearchQuery.Any a -> a.queries().stream().map(c -> render(c, similar, prefixes))
                    .collect(Collectors.joining(" | ", "(", ")"));
        };
    }

    private static String word(SearchQuery.Word w, Map<String, List<String>> similar, boolean prefixes) {
        if (w.fuzziness() > 0) {
            Set<String> alternatives = new TreeSet<>();
            alternatives.add(w.word());
            for (String s : similar.getOrDefault(w.word(), List.of())) {
                if (SearchQueryParser.words(s).equals(List.of(s))) {
                    alternatives.add(s);
                }
            }
            return alternatives.size() == 1 ? w.word() : String.join(" | ", alternatives.stream().toList())
                    .transform(s -> "(" + s + ")");
        }
        return w.prefix() && prefixes ? w.word() + ":*" : w.word();
    }

    private static String phrase(SearchQuery.Phrase p) {
        List<String> words = p.words();
        if (p.slop() == 0) {
            return words.stream().collect(Collectors.joining(" <-> ", "(", ")"));
        }
        // "a b"~N: each neighbouring pair at most N extra positions apart, or swapped and N-2 apart
        // (an approximation of Lucene's slop)
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            List<String> distances = new ArrayList<>();
            for (int d = 1; d <= p.slop() + 1; d++) {
                distances.add(words.get(i) + " <" + d + "> " + words.get(i + 1));
            }
            // swapping two words costs two moves in Lucene's slop
            for (int d = 1; d <= p.slop() - 1; d++) {
                distances.add(words.get(i + 1) + " <" + d + "> " + words.get(i));
            }
            pairs.add(String.join(" | ", distances).transform(s -> "(" + s + ")"));
        }
        return String.join(" & ", pairs).transform(s -> "(" + s + ")");
    }
}
