package org.openvault.backend.streamfield;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.streamfield.StreamFieldValidator.Stream;
import org.openvault.backend.validation.Violations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editors' stream values: what is refused (with the pointer the admin UI shows it at) and what is stored. */
class StreamFieldValidatorTest {

    private static final String ID1 = "11111111-1111-4111-8111-111111111111";
    private static final String ID2 = "22222222-2222-4222-8222-222222222222";
    private static final String FOOTNOTE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String AT = "/content/body";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The violations of a stream as "pointer code" lines; the stream is written with ' for ". */
    private static List<String> violations(String json, Stream stream) {
        Violations found = new Violations();
        StreamFieldValidator.validate(json(json), stream, AT, true, Map.of(), found);
        return found.list().stream().map(v -> v.pointer() + " " + v.code()).toList();
    }

    private static JsonNode json(String singleQuoted) {
        return ApiJson.parse(singleQuoted.replace('\'', '"'));
    }

    private static String programs(String members) {
        return "[{'type': 'programs', 'id': '" + ID1 + "', 'value': {'guids': 'cpb-aacip-1'" + members + "}}]";
    }

    @Test
    void everyExhibitBlockTypeIsStoredInTheApiForm() {
        String body = "["
                + "{'type': 'interviews', 'id': '" + ID1 + "', 'value': {'guids': '  cpb-aacip-1\\n cpb-aacip_2.a\\tcpb:3 ',"
                + " 'title': '<p>The <i>Vietnam</i> <b>War</b></p>', 'start_time': '00:01:30', 'end_time': 120.5,"
                + " 'access_level': 'digitized', 'show_sidebar': false, 'special_collections': 'vietnam'}},"
                + "{'type': 'archival_footage', 'value': {'guids': ['cpb-aacip-4', ' ', 'cpb-aacip-5 '], 'start_time': '1:30',"
                + " 'end_time': 'P0DT00H02M00S', 'access_level': 'all', 'show_title': false, 'show_thumbnail': false}},"
                + "{'type': 'photographs', 'id': null, 'value': {'guids': 'a', 'start_time': null, 'end_time': ''}},"
                + "{'type': 'original_footage', 'value': {'guids': 'b', 'start_time': 0, 'end_time': '90'}},"
                + "{'type': 'programs', 'value': {'guids': 'c', 'title': null, 'special_collections': null}},"
                + "{'type': 'related_content', 'value': {'guids': 'd', 'start_time': '1 00:00:00'}},"
                + "{'type': 'credits', 'value': '<p data-block-key=\\'c1\\'><a id=\\'3\\' linktype=\\'document\\'>Report</a></p>'},"
                + "{'type': 'heading', 'value': '<p data-block-key=\\'h1\\'>The <i>War</i></p>'},"
                + "{'type': 'text', 'value': '<p data-block-key=\\'t1\\'>See<footnote id=\\'" + FOOTNOTE + "\\'>[3fa85f]</footnote>"
                + "</p><blockquote data-block-key=\\'q\\'>q</blockquote>'},"
                + "{'type': 'subheading', 'value': '<p>Sub <i>head</i></p>'},"
                + "{'type': 'html', 'id': '" + ID2 + "', 'value': '<div class=\\'x\\'><script>embed()</script></div>'}"
                + "]";
        Violations found = new Violations();
        ArrayNode stored = StreamFieldValidator.validate(json(body), Stream.EXHIBIT_BODY, AT, true, Map.of(), found);

        assertTrue(found.isEmpty(), () -> found.list().toString());
        assertEquals(11, stored.size());
        assertEquals(stored, StreamField.normalise(stored));
        assertEquals(json("{'type': 'interviews', 'value': {'guids': ['cpb-aacip-1', 'cpb-aacip_2.a', 'cpb:3'],"
                + " 'special_collections': 'vietnam', 'show_title': true, 'show_thumbnail': true, 'show_sidebar': false,"
                + " 'title': '<p>The <i>Vietnam</i> War</p>', 'start_time': '90.0', 'end_time': '120.5',"
                + " 'access_level': 'digitized'}, 'id': '" + ID1 + "'}"), stored.get(0));
        assertEquals(List.of("type", "value", "id"), fieldNames(stored.get(0)));
        assertEquals(AapbGroupValidator.CHILDREN, fieldNames(stored.get(0).get("value")));
        assertEquals(json("{'guids': ['cpb-aacip-4', 'cpb-aacip-5'], 'special_collections': '', 'show_title': false,"
                + " 'show_thumbnail': false, 'show_sidebar': true, 'title': '', 'start_time': '90.0', 'end_time': '120.0',"
                + " 'access_level': 'all'}"), stored.get(1).get("value"));
        assertTrue(stored.get(1).get("id").asText().matches(UUID_PATTERN));
        assertTrue(stored.get(2).get("id").asText().matches(UUID_PATTERN));
        assertTrue(stored.get(2).get("value").get("start_time").isNull());
        assertTrue(stored.get(2).get("value").get("end_time").isNull());
        assertEquals("0.0", stored.get(3).get("value").get("start_time").asText());
        assertEquals("", stored.get(4).get("value").get("special_collections").asText());
        assertEquals("86400.0", stored.get(5).get("value").get("start_time").asText());
        assertEquals("online", stored.get(5).get("value").get("access_level").asText());
        assertEquals("<p data-block-key=\"c1\"><a id=\"3\" linktype=\"document\">Report</a></p>", stored.get(6).get("value").asText());
        assertEquals("<p data-block-key=\"h1\">The <i>War</i></p>", stored.get(7).get("value").asText());
        assertEquals("<p data-block-key=\"t1\">See<footnote id=\"" + FOOTNOTE + "\">[3fa85f]</footnote></p>"
                + "<blockquote data-block-key=\"q\">q</blockquote>", stored.get(8).get("value").asText());
        assertEquals("<p>Sub <i>head</i></p>", stored.get(9).get("value").asText());
        assertEquals("<div class=\"x\"><script>embed()</script></div>", stored.get(10).get("value").asText());
        assertEquals(ID2, stored.get(10).get("id").asText());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void storedStreamsRoundTripThroughTheApiForm() {
        ArrayNode stored = StreamFieldValidator.validate(json("[{'type': 'text', 'value': '<p>x</p>'},"
                        + "{'type': 'programs', 'value': {'guids': 'a b'}}]"),
                Stream.COLLECTION_CONTENT, AT, false, Map.of(), new Violations());
        Violations again = new Violations();
        ArrayNode resaved = StreamFieldValidator.validate(StreamField.normalise(stored), Stream.COLLECTION_CONTENT, AT,
                false, Map.of(), again);
        assertTrue(again.isEmpty(), () -> again.list().toString());
        assertEquals(stored, resaved);
    }

    @Test
    void streamAndBlockShapes() {
        assertEquals(List.of(AT + " not_array"), violations("{'type': 'text'}", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + " not_array"), violations("null", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0 not_object", AT + "/1 not_object"), violations("[1, 'text']", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/type unknown_block_type", AT + "/1/type unknown_block_type",
                        AT + "/2/type unknown_block_type"),
                violations("[{'value': 'x'}, {'type': 'image', 'value': 1}, {'type': 3, 'value': 'x'}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/extra unknown_field"),
                violations("[{'type': 'text', 'value': 'x', 'extra': 1}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/value not_string", AT + "/1/value not_string", AT + "/2/value required"),
                violations("[{'type': 'text', 'value': 5}, {'type': 'html', 'value': {}}, {'type': 'heading'}]",
                        Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/1/id duplicate_block_id"),
                violations("[{'type': 'text', 'value': 'x', 'id': '" + ID1 + "'},"
                        + " {'type': 'text', 'value': 'y', 'id': '" + ID1.toUpperCase() + "'}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/id invalid_block_id", AT + "/1/id invalid_block_id"),
                violations("[{'type': 'text', 'value': 'x', 'id': 'abc'}, {'type': 'text', 'value': 'x', 'id': 7}]",
                        Stream.EXHIBIT_BODY));
    }

    @Test
    void unknownTypeDetailListsTheAllowedTypes() {
        Violations found = new Violations();
        StreamFieldValidator.validate(json("[{'type': 'subheading', 'value': 'x'}]"), Stream.COLLECTION_CONTENT, AT, true,
                Map.of(), found);
        assertEquals(AT + "/0/type", found.list().getFirst().pointer());
        assertEquals("unknown_block_type", found.list().getFirst().code());
        assertEquals("Block type must be one of: interviews, archival_footage, photographs, original_footage, programs,"
                + " related_content, credits, heading, text, html", found.list().getFirst().detail());
        assertEquals(List.of(), violations("[{'type': 'subheading', 'value': 'x'}]", Stream.EXHIBIT_BODY));
    }

    @Test
    void aapbGroupRules() {
        String at = AT + "/0/value";
        assertEquals(List.of(at + "/colour unknown_field"), violations(programs(", 'colour': 'red'"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids required"),
                violations("[{'type': 'programs', 'value': {}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids required"),
                violations("[{'type': 'programs', 'value': {'guids': ' \\n '}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids required"),
                violations("[{'type': 'programs', 'value': {'guids': []}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids invalid_guid"),
                violations("[{'type': 'programs', 'value': {'guids': 'ok <script>'}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids/1 invalid_guid", at + "/guids/2 not_string"),
                violations("[{'type': 'programs', 'value': {'guids': ['ok', 'a\\\"b', 3]}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/guids not_string"),
                violations("[{'type': 'programs', 'value': {'guids': 42}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/value not_object"),
                violations("[{'type': 'programs', 'value': 'cpb-aacip-1'}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/special_collections not_string", at + "/show_title not_boolean",
                        at + "/title not_string"),
                violations(programs(", 'special_collections': 1, 'show_title': 'yes', 'title': ['x']"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/title too_long"),
                violations(programs(", 'title': '<p>" + "x".repeat(1025) + "</p>'"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(), violations(programs(", 'title': '<p><b>" + "x".repeat(1024) + "</b></p>'"),
                Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/access_level invalid_choice", AT + "/1/value/access_level invalid_choice"),
                violations("[{'type': 'programs', 'value': {'guids': 'a', 'access_level': 'public'}},"
                        + "{'type': 'programs', 'value': {'guids': 'a', 'access_level': ['online', 'Online']}}]",
                        Stream.EXHIBIT_BODY));
    }

    @Test
    void durations() {
        String at = AT + "/0/value";
        assertEquals(List.of(at + "/start_time invalid_duration", at + "/end_time invalid_duration"),
                violations(programs(", 'start_time': 'soon', 'end_time': -1"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/start_time invalid_duration", at + "/end_time invalid_duration"),
                violations(programs(", 'start_time': true, 'end_time': '-00:01:00'"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/start_time invalid_duration"),
                violations(programs(", 'start_time': '" + "1".repeat(100) + "'"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/start_time invalid_duration"),
                violations(programs(", 'start_time': 1e300"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(at + "/start_time start_after_end"),
                violations(programs(", 'start_time': '00:02:00', 'end_time': 90"), Stream.EXHIBIT_BODY));
        assertEquals(List.of(), violations(programs(", 'start_time': 90, 'end_time': '1:30'"), Stream.EXHIBIT_BODY));

        Violations found = new Violations();
        StreamFieldValidator.validate(json(programs(", 'start_time': 120, 'end_time': 60")), Stream.EXHIBIT_BODY,
                "/content/body", true, Map.of(), found);
        assertEquals("Start time must be before end time", found.list().getFirst().detail());
    }

    @Test
    void limitsAgainstAbuse() {
        ObjectNode text = JsonNodeFactory.instance.objectNode().put("type", "text").put("value", "x");
        ArrayNode many = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= StreamFieldValidator.MAX_BLOCKS; i++) {
            many.add(text.deepCopy());
        }
        Violations found = new Violations();
        StreamFieldValidator.validate(many, Stream.EXHIBIT_BODY, AT, true, Map.of(), found);
        assertEquals(List.of(AT + " too_many_blocks"), found.list().stream().map(v -> v.pointer() + " " + v.code()).toList());

        many.remove(0);
        Violations fine = new Violations();
        assertEquals(StreamFieldValidator.MAX_BLOCKS,
                StreamFieldValidator.validate(many, Stream.EXHIBIT_BODY, AT, true, Map.of(), fine).size());
        assertTrue(fine.isEmpty());

        String huge = "x".repeat(StreamFieldValidator.MAX_TEXT + 1);
        assertEquals(List.of(AT + "/0/value too_long", AT + "/1/value too_long", AT + "/2/value/title too_long"),
                violations("[{'type': 'text', 'value': '" + huge + "'}, {'type': 'html', 'value': '" + huge + "'},"
                        + "{'type': 'programs', 'value': {'guids': 'a', 'title': '" + huge + "'}}]", Stream.EXHIBIT_BODY));
        String opensMany = "<p>".repeat(StreamFieldValidator.MAX_TEXT / 3);
        assertEquals(List.of(AT + "/0/value too_long", AT + "/1/value/title too_long"),
                violations("[{'type': 'text', 'value': '" + opensMany + "'},"
                        + "{'type': 'programs', 'value': {'guids': 'a', 'title': '" + opensMany + "'}}]", Stream.EXHIBIT_BODY));
        assertEquals(List.of(AT + "/0/value/guids too_long"),
                violations("[{'type': 'programs', 'value': {'guids': '" + "a ".repeat(10_001) + "'}}]",
                        Stream.EXHIBIT_BODY));
    }

    @Test
    void onlyAdministratorsAddOrChangeHtmlBlocks() {
        Map<String, String> existing = Map.of(ID1, "<iframe src=\"https://x.org\"></iframe>");
        String unchanged = "{'type': 'html', 'id': '" + ID1 + "', 'value': '<iframe src=\\'https://x.org\\'></iframe>'}";
        String changed = "{'type': 'html', 'id': '" + ID1 + "', 'value': '<script>steal()</script>'}";
        String added = "{'type': 'html', 'value': '<p>new</p>'}";
        String moved = "{'type': 'html', 'id': '" + ID2 + "', 'value': '<iframe src=\\'https://x.org\\'></iframe>'}";

        Violations editor = new Violations();
        ArrayNode kept = StreamFieldValidator.validate(json("[{'type': 'text', 'value': 'x'}, " + unchanged + "]"),
                Stream.EXHIBIT_BODY, AT, false, existing, editor);
        assertTrue(editor.isEmpty(), () -> editor.list().toString());
        assertEquals(existing.get(ID1), kept.get(1).get("value").asText());

        Violations refused = new Violations();
        StreamFieldValidator.validate(json("[" + changed + ", " + added + ", " + moved + "]"), Stream.EXHIBIT_BODY, AT,
                false, existing, refused);
        assertEquals(List.of(AT + "/0 forbidden_block", AT + "/1 forbidden_block", AT + "/2 forbidden_block"),
                refused.list().stream().map(v -> v.pointer() + " " + v.code()).toList());
        assertEquals("Only administrators may add or change html blocks", refused.list().getFirst().detail());

        Violations noExisting = new Violations();
        StreamFieldValidator.validate(json("[" + unchanged + "]"), Stream.COLLECTION_CONTENT, AT, false, null, noExisting);
        assertEquals(1, noExisting.list().size());

        Violations admin = new Violations();
        ArrayNode stored = StreamFieldValidator.validate(json("[" + changed + ", " + added + "]"), Stream.EXHIBIT_BODY, AT,
                true, existing, admin);
        assertTrue(admin.isEmpty());
        assertEquals("<script>steal()</script>", stored.get(0).get("value").asText());
    }

    @Test
    void scriptInATextBlockIsStoredSanitised() {
        Violations found = new Violations();
        ArrayNode stored = StreamFieldValidator.validate(json("[{'type': 'text', 'value': '<p onclick=\\'x()\\'>Hi"
                        + "<script>alert(1)</script> <a href=\\'javascript:alert(1)\\'>there</a><img src=x onerror=alert(1)></p>'},"
                        + "{'type': 'programs', 'value': {'guids': 'a', 'title': '<p><b>B</b><script>x()</script></p>'}}]"),
                Stream.EXHIBIT_BODY, AT, false, Map.of(), found);
        assertTrue(found.isEmpty());
        assertEquals("<p>Hi there</p>", stored.get(0).get("value").asText());
        assertEquals("<p>B</p>", stored.get(1).get("value").get("title").asText());
    }

    @Test
    void textFeaturesDependOnTheStream() {
        String text = "[{'type': 'text', 'value': '<p><footnote id=\\'" + FOOTNOTE + "\\'>[3fa85f]</footnote>"
                + "<a id=\\'3\\' linktype=\\'document\\'>d</a></p>'}]";
        Violations found = new Violations();
        assertEquals("<p>[3fa85f]<a id=\"3\" linktype=\"document\">d</a></p>", StreamFieldValidator.validate(json(text),
                Stream.COLLECTION_CONTENT, AT, false, Map.of(), found).get(0).get("value").asText());
        assertEquals("<p><footnote id=\"" + FOOTNOTE + "\">[3fa85f]</footnote>d</p>", StreamFieldValidator.validate(json(text),
                Stream.EXHIBIT_BODY, AT, false, Map.of(), found).get(0).get("value").asText());
        assertFalse(Stream.COLLECTION_CONTENT.blockTypes().contains("subheading"));
        assertTrue(found.isEmpty());
    }
}
