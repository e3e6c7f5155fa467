package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the simple query syntax of Elasticsearch's {@code simple_query_string} as the site's search Help tab
 * documents it: whitespace = OR, {@code +} = AND, {@code |} = OR, {@code -} = NOT, {@code "phrase"},
 * {@code "phrase"~N}, {@code prefix*}, {@code fuzzy~} / {@code fuzzy~N}, {@code ( )}.
 * <p>
 * Like Lucene's SimpleQueryParser the clauses combine left to right, a new level starting where the operator
 * changes ({@code a b +c} = {@code (a | b) & c}). One deliberate difference: a negated clause joined by
 * whitespace is ANDed ({@code music -folk} excludes folk, as visitors expect; in Elasticsearch it matched
 * almost everything). Never fails: stray operators, unbalanced quotes and parentheses are ignored or closed.
 * Answers empty when the text holds no word at all.
 */
public final class SearchQueryParser {

    /** Fuzziness of {@code word~} without a number: Elasticsearch's AUTO (0 up to 2 letters, 1 up to 5, else 2). */
    public static final int AUTO_FUZZINESS = -2;
    private static final int MAX_FUZZINESS = 2;
    private static final int MAX_SLOP = 5;
    private static final int MAX_DEPTH = 20;
    private static final int MAX_LENGTH = 1000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final String text;
    private final Operator whitespace;
    private int pos;

    private SearchQueryParser(String text, Operator whitespace) {
        this.text = text;
        this.whitespace = whitespace;
    }

    public static Optional<SearchQuery> parse(String text) {
        return parse(text, false);
    }

    /** {@code whitespaceIsAnd}: words separated by whitespace must all match (Wagtail's search_operator=and). */
    public static Optional<SearchQuery> parse(String text, boolean whitespaceIsAnd) {
        if (text == null) {
            return Optional.empty();
        }
        String bounded = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
        return Optional.ofNullable(new SearchQueryParser(bounded, whitespaceIsAnd ? Operator.AND : Operator.OR)
                .sequence(0));
    }

    /** The words of a text as a plain OR query of prefixes: the fallback for anything unparseable. */
    public static Optional<SearchQuery> plain(String text) {
        List<SearchQuery> words = new ArrayList<>();
        for (String w : words(text == null ? "" : text)) {
            words.add(new SearchQuery.Word(w, true, -1));
        }
        return words.isEmpty() ? Optional.empty()
                : Optional.of(words.size() == 1 ? words.getFirst() : new SearchQuery.Any(words));
    }

    static List<String> words(String raw) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(raw.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private enum Operator { AND, OR }

    private SearchQuery sequence(int depth) {
        SearchQuery top = null;
        Operator previous = null;
        Operator current = null;
        boolean not = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            SearchQuery branch = null;
            boolean clause = false;
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            } else if (c == ')') {
                pos++;
                if (depth > 0) {
                    return top;
                }
                continue;
            } else if (c == '|') {
                pos++;
                current = Operator.OR;
                continue;
            } else if (c == '+') {
                pos++;
                current = Operator.AND;
                continue;
            } else if (c == '-') {
                pos++;
                not = !not;
                continue;
            } else if (c == '(') {
                pos++;
                branch = depth < MAX_DEPTH ? sequence(depth + 1) : null;
                clause = true;
            } else if (c == '"') {
                branch = phrase();
                clause = true;
            } else {
                branch = term();
                clause = true;
            }
            if (clause && branch != null) {
                Operator op;
                if (not) {
                    branch = new SearchQuery.Not(branch);
                    op = current == Operator.OR ? Operator.OR : Operator.AND;
                } else {
                    op = current == null ? whitespace : current;
                }
                if (top == null) {
                    top = branch;
                } else if (op == previous) {
                    top = append(top, branch, op);
                } else {
                    top = combine(List.of(top, branch), op);
                }
                previous = top == branch ? previous : op;
            }
            if (clause) {
                not = false;
                current = null;
            }
        }
        return top;
    }

    private static SearchQuery append(SearchQuery top, SearchQuery branch, Operator op) {
        List<SearchQuery> list = new ArrayList<>(op == Operator.AND
                ? ((SearchQuery.All) top).queries() : ((SearchQuery.Any) top).queries());
        list.add(branch);
        return combine(list, op);
    }

    private static SearchQuery combine(List<SearchQuery> list, Operator op) {
        return op == Operator.AND ? new SearchQuery.All(List.copyOf(list)) : new SearchQuery.Any(List.copyOf(list));
    }

    private SearchQuery phrase() {
        int end = text.indexOf('"', pos + 1);
        String inside = text.substring(pos + 1, end < 0 ? text.length() : end);
        pos = end < 0 ? text.length() : end + 1;
        int slop = 0;
        if (pos < text.length() && text.charAt(pos) == '~') {
            int start = ++pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            slop = number(text.substring(start, pos), 2, MAX_SLOP);
        }
        List<String> words = words(inside);
        if (words.isEmpty()) {
            return null;
        }
        return words.size() == 1 ? new SearchQuery.Word(words.getFirst(), false, -1) : new SearchQuery.Phrase(words, slop);
    }

    private SearchQuery term() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '"' || c == '(' || c == ')' || c == '|') {
                break;
            }
            pos++;
        }
        String raw = text.substring(start, pos);
        int fuzziness = -1;
        int tilde = raw.lastIndexOf('~');
        if (tilde >= 0) {
            String n = raw.substring(tilde + 1);
            fuzziness = n.chars().allMatch(Character::isDigit) ? number(n, AUTO_FUZZINESS, MAX_FUZZINESS) : -1;
            raw = raw.substring(0, tilde);
        }
        List<String> words = words(raw);
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() > 1) {
            // "civil-rights" or "o'brien": the words in a row, as the text-search parser splits them
            return new SearchQuery.Phrase(words, 0);
        }
        String word = words.getFirst();
        if (fuzziness == AUTO_FUZZINESS) {
            fuzziness = word.length() <= 2 ? 0 : word.length() <= 5 ? 1 : 2;
        }
        return new SearchQuery.Word(word, fuzziness < 0, fuzziness);
    }

    private static int number(String digits, int missing, int max) {
        if (digits.isEmpty()) {
            return missing;
        }
        if (digits.length() > 3) {
            return max;
        }
        return Math.min(Integer.parseInt(digits), max);
    }
}
