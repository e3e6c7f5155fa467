package org.openvault.backend.adminsite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;
import org.openvault.backend.images.ImagesAdminTest;
import org.openvault.testing.Chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web admin in headless Debian Chromium, as editors use it: with the script (rich-text toolbar, footnote markers,
 * live focal point) and without it. Screenshots of the screens land in target/screenshots/. Skipped only where no
 * Chromium is installed.
 */
class AdminBrowserTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PREFIX = "adminsite-browser-";

    private static ChromeDriver browser;
    private static Path picture;
    private static AdminApi editorApi;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Chromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
        editorApi = AdminApi.signedIn(backend, PREFIX + "editor", Role.EDITOR);
        AdminFixture.createUser(backend.db(), PREFIX + "moderator", Role.MODERATOR);
        AdminFixture.createUser(backend.db(), PREFIX + "admin", Role.ADMINISTRATOR);
        picture = Files.createTempFile("ov-browser-picture", ".png");
        Files.write(picture, ImagesAdminTest.drawn("png", 640, 480));
        browser = Chromium.start(1280, 1000);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        AdminFixture.removePagesOf(backend.db(), PREFIX);
        backend.db().execute("DELETE FROM author WHERE name = 'Browser Axe Author'",
                "DELETE FROM image WHERE title LIKE 'Browser %'");
        if (picture != null) {
            Files.deleteIfExists(picture);
        }
    }

    @AfterEach
    void scriptOnAndSignedOut() {
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        browser.manage().deleteAllCookies();
    }

    @Test
    void aModeratorWritesAnExhibitWithTheToolbarAndPublishesIt() {
        logIn(PREFIX + "moderator");
        int image = upload("Browser harbour");

        open("/admin/pages/3/add", "add-page");
        browser.findElement(By.cssSelector("input[value='exhibits.ExhibitPage']")).click();
        browser.findElement(By.id("field-title")).sendKeys("Browser Exhibit");
        browser.findElement(By.id("field-slug")).sendKeys(PREFIX + "exhibit");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        awaitUrl("/edit?created=1");
        int id = Integer.parseInt(browser.getCurrentUrl().replaceAll(".*/pages/(\\d+)/edit.*", "$1"));

        addBlock("Text");
        press("add:footnotes");
        browser.findElement(By.cssSelector("#field-footnotes-0 .rich-editor")).sendKeys("The source");
        WebElement editor = browser.findElement(By.cssSelector("#field-body-0 .rich-editor"));
        editor.click();
        editor.sendKeys("Bold words");
        new Actions(browser).keyDown(Keys.SHIFT)
                .sendKeys(Keys.HOME).keyUp(Keys.SHIFT).perform();
        browser.findElement(By.xpath("//*[@id='field-body-0']//button[text()='Bold']")).click();
        editor.sendKeys(Keys.END, " then a note");
        browser.findElement(By.cssSelector("#field-body-0 .rich-toolbar select")).click();
        browser.findElement(By.cssSelector("#field-body-0 .rich-toolbar select option:nth-child(2)")).click();
        addBlock("Interviews");
        browser.findElement(By.id("field-body-1-value-guids")).sendKeys("cpb-aacip-15-1234");
        for (String picker : List.of("cover_image_id", "hero_image_id")) {
            browser.findElement(By.id("field-" + picker + "-search")).sendKeys("Browser harbour");
            press("find:" + picker);
            browser.findElement(By.id("field-" + picker + "-" + image)).click();
        }
        screenshot("edit-exhibit");
        press("publish");
        awaitUrl("?published=1");
        screenshot("edit-published");
        assertNoConsoleErrors();

        JsonNode live = backend.getJson("/api/v2/pages/" + id + "/?fields=*");
        String text = live.at("/body/0/value").asText();
        String uuid = live.at("/footnotes/0/uuid").asText();
        assertTrue(text.startsWith("<p><b>Bold words"), text);
        assertTrue(text.contains("<footnote id=\"" + uuid + "\">[" + uuid.substring(0, 6) + "]</footnote>"), text);
        assertEquals("<p>The source</p>", live.at("/footnotes/0/text").asText());
        assertEquals("cpb-aacip-15-1234", live.at("/body/1/value/guids/0").asText());
        assertEquals("Browser harbour", live.at("/cover_image/alt").asText(), live.toString());
        assertEquals("Browser harbour", live.at("/hero_image/alt").asText(), live.toString());
    }

    @Test
    void anEditorWithoutJavaScriptAddsABlockAndSeesNoPublishButton() {
        JsonNode page = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Browser No Script\",\"slug\":\"" + PREFIX + "no-script\"}}"), 201);
        logIn(PREFIX + "editor");
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        open("/admin/pages/" + page.get("id").asInt() + "/edit", "edit-without-script");
        assertTrue(browser.findElements(By.cssSelector("button[value=publish]")).isEmpty());
        addBlock("Heading");
        WebElement textarea = browser.findElement(By.id("field-body-0-value"));
        assertTrue(textarea.isDisplayed(), "without the script the rich text is a plain text area");
        textarea.sendKeys("<p>A plain heading</p>");
        press("save");
        awaitUrl("?saved=1");
        assertEquals("<p>A plain heading</p>", AdminApi.json(editorApi.get("/pages/" + page.get("id").asInt()), 200)
                .at("/content/body/0/value").asText());
    }

    @Test
    void aClickOnThePictureMovesTheFocalPointAndPreviewsTheCrops() {
        logIn(PREFIX + "editor");
        int image = upload("Browser focal");
        WebElement picture = browser.findElement(By.cssSelector("input.focal-picture"));
        int width = picture.getSize().getWidth();
        int height = picture.getSize().getHeight();
        new Actions(browser).moveToElement(picture, width / 4, -height / 4).click().perform();
        assertEquals("75", browser.findElement(By.id("field-focal_across")).getDomProperty("value"));
        assertEquals("25", browser.findElement(By.id("field-focal_down")).getDomProperty("value"));
        assertTrue(browser.findElement(By.id("focal-status")).getText().contains("Save to keep it"));
        assertEquals("75% 25%", browser.findElement(By.cssSelector("img.crop"))
                .getCssValue("object-position"));
        screenshot("image-focal-preview");
        browser.findElement(By.cssSelector(".actions button[value=save]")).click();
        awaitUrl("?focal=1");
        JsonNode focal = AdminApi.json(editorApi.get("/images/" + image), 200).get("focal_point");
        assertEquals(480, focal.get("x").asInt(), focal.toString());
        assertEquals(120, focal.get("y").asInt(), focal.toString());
        open("/admin/images", "images");
    }

    @Test
    void whenSomeoneElseSavedMeanwhileTheBannerSaysWhoAndTheTextStays() {
        JsonNode page = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Browser Conflict\",\"slug\":\"" + PREFIX + "conflict\","
                + "\"body\":[{\"type\":\"text\",\"value\":\"<p>First words</p>\"}]}}"), 201);
        int id = page.get("id").asInt();
        logIn(PREFIX + "moderator");
        open("/admin/pages/" + id + "/edit", null);
        WebElement editor = browser.findElement(By.cssSelector("#field-body-0 .rich-editor"));
        editor.click();
        editor.sendKeys(Keys.END, " and the moderator's words");
        // The other editor saves while this form is open.
        AdminApi.json(editorApi.put("/pages/" + id, "{\"content\":" + ((com.fasterxml.jackson.databind.node.ObjectNode)
                page.get("content").deepCopy()).put("title", "Browser Conflict, theirs") + "}",
                page.get("etag").asText()), 200);
        press("save");
        WebElement banner = browser.findElement(By.cssSelector(".stale[role=alert]"));
        assertTrue(banner.getText().startsWith(PREFIX + "editor saved a newer version"), banner.getText());
        assertTrue(browser.findElement(By.cssSelector("#field-body-0 .rich-editor")).getText()
                .contains("and the moderator's words"), "the text typed stays in the form");
        screenshot("edit-conflict");
        press("save");
        awaitUrl("?saved=1");
        assertTrue(AdminApi.json(editorApi.get("/pages/" + id), 200).at("/content/body/0/value").asText()
                .contains("and the moderator's words"));
    }

    @Test
    void noScreenHasASeriousOrCriticalAccessibilityViolation() {
        JsonNode author = AdminApi.json(editorApi.post("/authors/", "{\"name\":\"Browser Axe Author\"}"), 201);
        JsonNode page = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Browser Axe Exhibit\",\"slug\":\"" + PREFIX + "axe\","
                + "\"body\":[{\"type\":\"heading\",\"value\":\"<p>Heading</p>\"},"
                + "{\"type\":\"text\",\"value\":\"<p>Words</p>\"},"
                + "{\"type\":\"programs\",\"value\":{\"guids\":[\"cpb-aacip-1\"]}}],"
                + "\"footnotes\":[{\"text\":\"<p>Note</p>\"}],"
                + "\"authors\":[{\"author_id\":" + author.get("id").asLong() + "}]}}"), 201);
        int id = page.get("id").asInt();
        JsonNode saved = AdminApi.json(editorApi.put("/pages/" + id, "{\"content\":" + ((com.fasterxml.jackson.databind
                .node.ObjectNode) page.get("content").deepCopy()).put("title", "Browser Axe Exhibit, again") + "}",
                page.get("etag").asText()), 200);
        long[] revisions = {page.at("/latest_revision/id").asLong(), saved.at("/latest_revision/id").asLong()};

        open("/admin/login", null);
        List<String> violations = new java.util.ArrayList<>(axe("/admin/login"));
        logIn(PREFIX + "admin");
        int image = upload("Browser axe picture");
        long userId = backend.db().queryLong("SELECT id FROM app_user WHERE username = '" + PREFIX + "editor'");
        for (String path : List.of("/admin/", "/admin/pages/", "/admin/pages/3/children", "/admin/pages/?q=Browser",
                "/admin/pages/" + id + "/edit", "/admin/pages/3/add", "/admin/pages/" + id + "/history",
                "/admin/pages/" + id + "/history/compare?from=" + revisions[0] + "&to=" + revisions[1],
                "/admin/pages/" + id + "/delete", "/admin/images", "/admin/images/upload", "/admin/images/" + image,
                "/admin/authors", "/admin/authors/new", "/admin/authors/" + author.get("id").asLong(), "/admin/users",
                "/admin/users/new", "/admin/users/" + userId, "/admin/audit", "/admin/account/password",
                "/admin/no-such-screen")) {
            open(path, "axe" + path.replaceAll("[^a-z0-9]+", "-"));
            violations.addAll(axe(path));
        }
        // The edit screen as a refused save shows it, messages next to their inputs, and after a list action.
        open("/admin/pages/" + id + "/edit", null);
        browser.findElement(By.id("field-body-2-value-start_time")).sendKeys("not a time");
        press("save");
        violations.addAll(axe("/admin/pages/" + id + "/edit (refused save)"));
        screenshot("edit-refused");
        press("find:cover_image_id");
        violations.addAll(axe("/admin/pages/" + id + "/edit (image picker)"));
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    private static List<String> axe(String where) {
        return Chromium.accessibilityViolations(browser, where);
    }

    private static void logIn(String username) {
        open("/admin/login", "login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        awaitUrl("/admin/");
        screenshot("dashboard");
    }

    /** Uploads the test picture through the upload form; answers the image's id (the browser is on its screen). */
    private static int upload(String title) {
        open("/admin/images/upload", "image-upload");
        browser.findElement(By.id("field-file")).sendKeys(picture.toAbsolutePath().toString());
        browser.findElement(By.id("field-title")).sendKeys(title);
        browser.findElement(By.cssSelector("main .actions button[type=submit]")).click();
        awaitUrl("?uploaded=1");
        screenshot("image");
        return Integer.parseInt(browser.getCurrentUrl().replaceAll(".*/images/(\\d+)\\?.*", "$1"));
    }

    /** Waits for the browser to arrive at an address ending in {@code end} (a form post's redirect). */
    private static void awaitUrl(String end) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!browser.getCurrentUrl().endsWith(end) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertTrue(browser.getCurrentUrl().endsWith(end), browser.getCurrentUrl() + " is not …" + end);
    }

    private static void addBlock(String label) {
        browser.findElement(By.xpath("//select[@id='field-body-new']/option[text()='" + label + "']")).click();
        press("add:body");
    }

    /** Presses a button of the form and waits for the answer's page: every such button posts the form. */
    private static void press(String action) {
        WebElement before = browser.findElement(By.tagName("html"));
        WebElement button = browser.findElement(By.cssSelector("button[value='" + action + "']:not(.default-action)"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                before.isEnabled();
                Thread.sleep(20);
            } catch (WebDriverException e) {
                // The old page is gone (stale, or mid-navigation): wait for the new one to finish loading.
                awaitLoaded(deadline);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("pressing " + action + " loaded no page");
    }

    private static void awaitLoaded(long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                if ("complete".equals(browser.executeScript("return document.readyState"))) {
                    return;
                }
                Thread.sleep(20);
            } catch (WebDriverException e) {
                // still navigating
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void open(String path, String screenshot) {
        browser.get(backend.baseUrl() + path);
        if (screenshot != null) {
            screenshot(screenshot);
        }
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve("admin-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // The site's icon is the public site's (the proxy sends /favicon.ico there); this backend has none.
                .filter(entry -> !entry.getMessage().contains("/favicon.ico")).toList();
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
