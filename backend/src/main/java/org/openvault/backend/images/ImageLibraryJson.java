package org.openvault.backend.images;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.openvault.backend.api.ImageJson;
import org.openvault.backend.responsecache.ContentVersion;

/**
 * Images as the API emits them: a rendition object {@code {url, full_url, width, height, alt}}, or
 * {@code null} when there is no image, or {@code {"error": "SourceImageIOError"}} when its original cannot be read.
 * <p>
 * {@code url} is what the storage answers ({@code /media/…} locally); {@code full_url} is the configured public
 * media base URL ({@code ov.media.base-url}) plus {@code url} when {@code url} is relative, else {@code url} itself.
 * Answers are kept for a short while ({@code ov.media.json-cache-seconds}) so page endpoints do not query the
 * image tables on every request, and only while the content version they were read at is current: an edited image
 * shows as soon as its version does, and a response kept by the response cache never holds an older image than its
 * version.
 */
public final class ImageLibraryJson implements ImageJson {

    private static final int MAX_CACHED = 10_000;
    static final String IMAGE_TYPE = "wagtailimages.Image";
    private static final Map<String, Object> SOURCE_ERROR = Map.of("error", "SourceImageIOError");

    private final ImageRepository images;
    private final Renditions renditions;
    private final ImageStorage storage;
    private final String baseUrl;
    private final long cacheNanos;
    private final ContentVersion versions;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ImageLibraryJson(ImageRepository images, Renditions renditions, ImageStorage storage, String baseUrl,
                            Duration cacheFor, ContentVersion versions) {
        this.images = images;
        this.renditions = renditions;
        this.storage = storage;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.cacheNanos = cacheFor.toNanos();
        this.versions = versions;
    }

    /** The rendition object of the image for a filter spec such as {@code fill-480x270}; null without an image. */
    @Override
    public Map<String, Object> rendition(Integer imageId, String filterSpec) {
        if (imageId == null) {
            return null;
        }
        FilterSpec spec = FilterSpec.parse(filterSpec);
        if (cacheNanos <= 0) {
            return images.find(imageId).map(image -> render(image, spec)).orElse(null);
        }
        String key = imageId + "|" + spec;
        long now = System.nanoTime();
        // Read before the image: what is kept under this version is at least as new as the version.
        long version = versions.forThisRendering();
        Cached cached = cache.get(key);
        if (cached != null && cached.version == version && now - cached.at < cacheNanos) {
            return cached.json;
        }
        Map<String, Object> json = images.find(imageId).map(image -> render(image, spec)).orElse(null);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(json, version, now));
        return json;
    }

    /** Absolute URL of a stored file, for clients outside the backend (rendition {@code full_url}, downloads). */
    private String fullUrl(String url) {
        return url.startsWith("/") ? baseUrl + url : url;
    }

    /** The URL under which the original of an image is downloaded ({@code /media/original_images/…} locally). */
    private String downloadUrl(Image image) {
        return storage.url(image.file());
    }

    /** The nested image reference authors carry: {@code {id, meta{type, detail_url, download_url}, title}}. */
    @Override
    public Map<String, Object> reference(Integer imageId, String apiBaseUrl) {
        if (imageId == null) {
            return null;
        }
        return images.find(imageId).map(image -> {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("type", IMAGE_TYPE);
            meta.put("detail_url", detailUrl(apiBaseUrl, image.id()));
            meta.put("download_url", downloadUrl(image));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", image.id());
            json.put("meta", meta);
            json.put("title", image.title());
            return json;
        }).orElse(null);
    }

    static String detailUrl(String apiBaseUrl, int id) {
        return apiBaseUrl + "/api/v2/images/" + id + "/";
    }

    private Map<String, Object> render(Image image, FilterSpec spec) {
        Rendition rendition;
        try {
            rendition = renditions.rendition(image, spec);
        } catch (SourceImageException e) {
            return SOURCE_ERROR;
        }
        String url = storage.url(rendition.file());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("full_url", fullUrl(url));
        json.put("width", rendition.width());
        json.put("height", rendition.height());
        json.put("alt", image.alt());
        return Collections.unmodifiableMap(json);
    }

    private record Cached(Map<String, Object> json, long version, long at) {
    }
}
