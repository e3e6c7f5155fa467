package org.openvault.backend.api;

/**
 * What serialising one response needs besides the data: where the API and the public site live, and the images.
 *
 * @param apiBaseUrl scheme and host of this API ({@code http://localhost:8000}) for {@code detail_url}
 * @param siteUrl    scheme and host of the public site ({@code http://localhost}) for {@code html_url}
 * @param images     how image fields are written
 */
public record RenderContext(String apiBaseUrl, String siteUrl, ImageJson images) {

    public String detailUrl(String endpoint, long id) {
        return apiBaseUrl + "/api/v2/" + endpoint + "/" + id + "/";
    }
}
