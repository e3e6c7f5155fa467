package org.openvault.backend.images;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request waits for a rendering slot at most ov.media.render-wait-seconds, then answers 503 with Retry-After. */
class RenderingWaitTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture(
            Map.of("ov.media.render-wait-seconds", "1"));

    @Test
    void aRequestThatFindsEveryRenderingSlotTakenGives503ThenSucceedsOnceOneIsFree() throws SQLException {
        int id = new TestImages(backend.db(), backend.mediaRoot()).create("Waiting", 600, 400);
        String file = "images/" + originalName(id) + ".2e16d0ba.fill-60x40.jpg";
        // A recorded rendition whose file is not there yet: /media/ renders it on the spot.
        backend.db().execute("INSERT INTO image_rendition (image_id, filter_spec, focal_point_key, file, width, height)"
                + " VALUES (" + id + ", 'fill-60x40', '2e16d0ba', '" + file + "', 60, 40)");
        int slots = Renditions.RENDERING.drainPermits();
        HttpResponse<String> busy;
        try {
            busy = backend.get("/media/" + file);
        } finally {
            Renditions.RENDERING.release(slots);
        }
        assertEquals(503, busy.statusCode(), busy.body());
        assertEquals("1", busy.headers().firstValue("retry-after").orElseThrow());
        assertEquals("{\"message\":\"images are being rendered; try again shortly\"}", busy.body());

        HttpResponse<byte[]> served = backend.getBytes("/media/" + file);
        assertEquals(200, served.statusCode());
        assertEquals(60, TestImages.decode(served.body()).getWidth());
    }

    /** The name of the image's original without folder and extension, as rendition names start. */
    private static String originalName(int id) throws SQLException {
        try (Connection c = backend.db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT file FROM image WHERE id = " + id)) {
            rs.next();
            String file = rs.getString(1);
            return file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('.'));
        }
    }
}
