package org.openvault.backend.adminsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.images.AdminImage;
import org.openvault.backend.images.FocalPoint;
import org.openvault.backend.images.ImageEditing;
import org.openvault.backend.images.UploadForm;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/images}: the image library — a grid with search, upload, title and alt text, the focal point set by
 * clicking the picture (an image button: it works without JavaScript), the crops the site makes, where each image is
 * used, and delete (moderators, for images nothing uses). Through {@link ImageEditing}, as the JSON API.
 */
public final class ImagesPages {

    private static final int PAGE_SIZE = 48;
    /** The widest the picture to click is shown. */
    private static final int DISPLAY_WIDTH = 800;
    /** The focal area a click sets, as a share of each side: the crops keep it in view. */
    private static final int FOCAL_SHARE = 5;
    private static final Map<String, String> INPUTS = Map.of("/title", "title", "/description", "description",
            "/file", "file");
    private static final Map<String, String> NOTICES = Map.of(
            "uploaded", "Uploaded. Choose it in a page's image picker to use it.",
            "saved", "Saved. Pages using the image show the change at once.",
            "focal", "Focal point set. The crops below follow it.");

    private final ImageEditing images;
    private final PickerRepository renditions;
    private final SiteSessions sessions;
    private final SiteTemplates templates;
    private final long maxUploadBytes;

    public ImagesPages(ImageEditing images, PickerRepository renditions, SiteSessions sessions,
                       SiteTemplates templates, long maxUploadBytes) {
        this.images = images;
        this.renditions = renditions;
        this.sessions = sessions;
        this.templates = templates;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void list(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        String search = req.query().contains("q") ? req.query().get("q").strip() : "";
        int page = Listing.pageNumber(req, 10_000);
        List<AdminImage> found = images.images(search.isEmpty() ? null : search, PAGE_SIZE + 1,
                (page - 1) * PAGE_SIZE);
        List<ImageChoice> tiles = found.stream().limit(PAGE_SIZE)
                .map(image -> new ImageChoice(image.id(), image.title(), renditions.thumbnail(image.id()))).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Images", user, "images"));
        params.put("images", tiles);
        params.put("search", search);
        params.put("page", page);
        params.put("more", found.size() > PAGE_SIZE);
        templates.render(res, Status.OK_200, "images.jte", params);
    }

    public void uploadForm(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(sessions.signedIn(req));
        renderUpload(res, Status.OK_200, user, "", "", FormProblems.NONE);
    }

    /** The form is {@code multipart/form-data}: its CSRF token is checked once the body is read, before storing. */
    public void upload(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(sessions.signedInWithTokenInBody(req));
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        OptionalLong length = req.headers().contentLength();
        Map<String, Object> image;
        try (InputStream body = req.content().inputStream();
             UploadForm form = UploadForm.read(type, length, body, maxUploadBytes)) {
            sessions.checkToken(user, form.csrfToken());
            try {
                image = images.upload(user.caller(), form);
            } catch (ValidationException e) {
                renderUpload(res, Status.UNPROCESSABLE_CONTENT_422, user, form.title(), form.description(),
                        FormProblems.of(e.violations(), INPUTS));
                return;
            } catch (AdminProblem p) {
                if (p.status().code() >= 500) {
                    throw p;
                }
                // A file that is not an image of a known format (415): said next to the file input.
                renderUpload(res, p.status(), user, form.title(), form.description(),
                        FormProblems.about("file", p.getMessage()));
                return;
            }
        } catch (ValidationException e) {
            renderUpload(res, Status.UNPROCESSABLE_CONTENT_422, user, "", "", FormProblems.of(e.violations(), INPUTS));
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SiteTemplates.seeOther(res, "/admin/images/" + image.get("id") + "?uploaded=1");
    }

    public void show(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        AdminImage image = images.image(id(req));
        String notice = NOTICES.keySet().stream().filter(req.query()::contains).findFirst().map(NOTICES::get)
                .orElse(null);
        render(res, Status.OK_200, user, image, image.title(), image.description(), FormProblems.NONE, notice);
    }

    /**
     * Save (title, alt text, and the focal point the script set), a click on the picture ({@code focal.x},
     * {@code focal.y} in the shown picture's pixels), clear the focal point, or delete.
     */
    public void submit(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        int id = id(req);
        String action = FormBody.field(req, "action");
        if (action.equals("delete")) {
            if (!user.may(Permission.DELETE_CONTENT)) {
                throw AdminProblem.forbidden("your role (" + user.role() + ") may not delete images");
            }
            images.delete(user.caller(), id);
            SiteTemplates.seeOther(res, "/admin/images?deleted=1");
            return;
        }
        allowed(user);
        AdminImage image = images.image(id);
        String title = FormBody.field(req, "title").strip();
        String description = FormBody.field(req, "description").strip();
        FocalPoint focalPoint = clicked(req, image);
        boolean clear = action.equals("clear_focal_point");
        if (focalPoint == null && !clear) {
            focalPoint = typedFocalPoint(req, image);
        }
        try {
            images.update(user.caller(), id, new ImageEditing.Changes(title, description, focalPoint, clear));
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, image, title, description,
                    FormProblems.of(e.violations(), INPUTS), null);
            return;
        }
        SiteTemplates.seeOther(res, "/admin/images/" + id + (focalPoint != null || clear ? "?focal=1" : "?saved=1"));
    }

    // The image button sends where it was clicked in the shown picture; the focal area is centred there and kept
    // inside the image. A keyboard press of the button sends (0, 0): that is a Save, not a click in the corner.
    private static FocalPoint clicked(ServerRequest req, AdminImage image) {
        Integer x = coordinate(FormBody.field(req, "focal.x"));
        Integer y = coordinate(FormBody.field(req, "focal.y"));
        if (x == null || y == null || (x == 0 && y == 0)) {
            return null;
        }
        int displayWidth = displayWidth(image);
        return centredAt(image, (int) Math.round((double) x * image.width() / displayWidth),
                (int) Math.round((double) y * image.height() / displayHeight(image, displayWidth)));
    }

    // The focal point typed as percentages across and down (keyboard users; the script fills them in on a click).
    private static FocalPoint typedFocalPoint(ServerRequest req, AdminImage image) {
        Integer across = coordinate(FormBody.field(req, "focal_across"));
        Integer down = coordinate(FormBody.field(req, "focal_down"));
        if (across == null || down == null || across > 100 || down > 100) {
            return null;
        }
        return centredAt(image, (int) Math.round(image.width() * across / 100.0),
                (int) Math.round(image.height() * down / 100.0));
    }

    static FocalPoint centredAt(AdminImage image, int x, int y) {
        int width = Math.max(1, image.width() / FOCAL_SHARE);
        int height = Math.max(1, image.height() / FOCAL_SHARE);
        int centreX = Math.clamp(x, (width + 1) / 2, image.width() - (width + 1) / 2);
        int centreY = Math.clamp(y, (height + 1) / 2, image.height() - (height + 1) / 2);
        return new FocalPoint(centreX, centreY, width, height);
    }

    private static Integer coordinate(String text) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }

    private void render(ServerResponse res, Status status, SignedIn user, AdminImage image, String title,
                        String description, FormProblems problems, String notice) {
        int displayWidth = displayWidth(image);
        int displayHeight = displayHeight(image, displayWidth);
        List<ImageScreen.Crop> crops = List.of(
                crop(image, "Card (exhibit and collection lists)", 480, 270),
                crop(image, "Hero (top of the page)", 1600, 500));
        ImageScreen screen = new ImageScreen(image, title, description,
                renditions.rendition(image.id(), "fill-" + displayWidth + "x" + displayHeight), displayWidth,
                displayHeight, crops, images.usage(image.id()), images.originalUrl(image), problems, notice);
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Image: " + image.title(), user, "images"));
        params.put("screen", screen);
        templates.render(res, status, "image.jte", params);
    }

    private ImageScreen.Crop crop(AdminImage image, String label, int width, int height) {
        return new ImageScreen.Crop(label, renditions.rendition(image.id(), "fill-" + width + "x" + height), width,
                height);
    }

    private void renderUpload(ServerResponse res, Status status, SignedIn user, String title, String description,
                              FormProblems problems) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome(problems.any() ? "Not uploaded: image" : "Upload an image", user, "images"));
        params.put("title", title == null ? "" : title);
        params.put("description", description == null ? "" : description);
        params.put("problems", problems);
        params.put("maxMegabytes", Math.max(1, maxUploadBytes >> 20));
        templates.render(res, status, "image-upload.jte", params);
    }

    private static int displayWidth(AdminImage image) {
        return Math.max(1, Math.min(DISPLAY_WIDTH, image.width()));
    }

    // The whole picture, in its own proportions (a fill rendition of the same ratio crops nothing).
    private static int displayHeight(AdminImage image, int displayWidth) {
        return (int) Math.clamp(Math.round((double) displayWidth * image.height() / image.width()), 1, 9999);
    }

    private static SignedIn allowed(SignedIn user) {
        if (!user.may(Permission.EDIT_IMAGES)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not change images");
        }
        return user;
    }

    private static int id(ServerRequest req) {
        return AdminParameters.intPathId(req, "id", "image");
    }
}
