package org.openvault.frontend.rendering;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /assets/…}: the fingerprinted static files, cacheable for a year since their names change with them. */
public final class AssetService implements HttpService {

    private final Assets assets;

    public AssetService(Assets assets) {
        this.assets = assets;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/*", this::asset).head("/*", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        Assets.Asset asset = assets.at(req.path().absolute().path());
        if (asset == null) {
            res.next();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType())
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .header(HeaderNames.VARY, "Accept-Encoding");
        if (req.prologue().method() == io.helidon.http.Method.HEAD) {
            res.send();
            return;
        }
        Compression.Coding coding = Compression.negotiate(req);
        byte[] encoded = asset.encoded(coding);
        if (encoded == null && coding == Compression.Coding.BROTLI) {
            coding = Compression.Coding.GZIP;
            encoded = asset.encoded(coding);
        }
        if (encoded == null || coding == Compression.Coding.IDENTITY) {
            res.send(asset.bytes());
        } else {
            res.header(HeaderNames.CONTENT_ENCODING, coding.token()).send(encoded);
        }
    }
}
