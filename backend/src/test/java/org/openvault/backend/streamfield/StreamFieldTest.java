package org.openvault.backend.streamfield;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.openvault.backend.api.ApiJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durations and guids as the original API writes them. */
class StreamFieldTest {

    private static String duration(String stored) {
        return StreamField.duration(JsonNodeFactory.instance.textNode(stored)).asText(null);
    }

    @Test
    void durationsBecomeSecondsStrings() {
        assertEquals("90.0", duration("P0DT00H01M30S"));
        assertEquals("90.0", duration("00:01:30"));
        assertEquals("90.0", duration("90"));
        assertEquals("90.0", duration("90.0"));
        assertEquals("3600.5", duration("P0DT01H00M00.500000S"));
        assertEquals("86400.0", duration("P1DT00H00M00S"));
        assertEquals("0.0", duration("0"));
        assertEquals("125.5", StreamField.duration(JsonNodeFactory.instance.numberNode(125.5)).asText());
        assertTrue(StreamField.duration(JsonNodeFactory.instance.textNode("not a duration")).isNull());
        assertTrue(StreamField.duration(JsonNodeFactory.instance.nullNode()).isNull());
    }

    @Test
    void malformedStreamsNeverFail() {
        assertEquals("[]", StreamField.normalise(ApiJson.parse("{\"not\": \"an array\"}")).toString());
        assertEquals("[{\"type\":\"programs\",\"value\":{\"guids\":[],\"special_collections\":\"\",\"show_title\":true,"
                        + "\"show_thumbnail\":true,\"show_sidebar\":true,\"title\":\"\",\"start_time\":null,\"end_time\":null,"
                        + "\"access_level\":\"online\"},\"id\":\"x\"}]",
                StreamField.normalise(ApiJson.parse("[1, {\"id\": \"x\", \"type\": \"programs\", \"value\": 5}]")).toString());
    }
}
