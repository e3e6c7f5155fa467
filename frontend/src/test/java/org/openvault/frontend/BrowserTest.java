package org.openvault.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openvault.testing.Chromium;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The site in headless Debian Chromium: pages load without console errors (Content-Security-Policy violations are
 * console errors too), the script's enhancements work, and screenshots land in target/screenshots/ for a look at the
 * design. Skipped only where no Chromium is installed.
 */
class BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Every kind of public page, including error pages. */
    private static final List<String> PUBLIC_ROUTES = List.of("/", "/exhibits", "/exhibits/voices-of-the-civil-rights-era",
            "/exhibits/voices-of-the-vietnam-era", "/collections", "/collections/say-brother", "/collections/masterpiece",
            "/collections/masterpiece-funders", "/miniseries/jewelinthecrownthe", "/series", "/search", "/search?q=boston",
            "/about", "/faq", "/contact-us", "/visit-us", "/privacy-policy", "/terms", "/credits", "/credits/vietnam",
            "/no-such-page", "/exhibits/no-such-exhibit", "/catalog/V_0000", "/preview");

    private static RunningSite site;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Chromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
        site = RunningSite.get();
        browser = Chromium.start(1280, 900);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void noPublicPageHasASeriousOrCriticalAccessibilityViolation() {
        List<String> violations = new java.util.ArrayList<>();
        for (String path : PUBLIC_ROUTES) {
            load(path, null);
            violations.addAll(Chromium.accessibilityViolations(browser, path));
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void homeLoadsCleanly() {
        load("/", "home");
        assertEquals("GBH Open Vault", browser.getTitle());
        assertEquals(6, browser.findElements(By.cssSelector(".carousel-slide")).size());
        assertTrue(browser.executeScript("return document.documentElement.classList.contains('js')").equals(Boolean.TRUE));
    }

    @Test
    void exhibitLoadsCleanlyAndPlaysAapbInPlace() {
        load("/exhibits/voices-of-the-civil-rights-era", "exhibit");
        assertTrue(browser.findElements(By.cssSelector("nav.page-sidebar a")).size() > 3);
        WebElement play = browser.findElement(By.cssSelector(".content-aapbblock a.aapb-play"));
        String href = play.getAttribute("href");
        // The page scrolls smoothly; jump instead so the click lands where the element is.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", play);
        play.click();
        WebElement player = browser.findElement(By.cssSelector(".content-aapbblock iframe.aapb-record-video"));
        assertEquals(href, player.getAttribute("src"));
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            load("/exhibits/voices-of-the-civil-rights-era", "exhibit-360px");
            Long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "no horizontal scrolling at 360px, overflow " + overflow);
            WebElement menu = browser.findElement(By.id("mobile-menu-icon"));
            assertTrue(menu.isDisplayed());
            assertTrue(!browser.findElement(By.cssSelector("#navigation-bar a[href='/exhibits']")).isDisplayed());
            menu.click();
            assertEquals("true", menu.getAttribute("aria-expanded"));
            assertTrue(browser.findElement(By.cssSelector("#navigation-bar a[href='/exhibits']")).isDisplayed());
            screenshot("exhibit-360px-menu");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void collectionLoadsCleanly() {
        load("/collections/say-brother", "collection");
        assertEquals("Say Brother", browser.findElement(By.cssSelector("h1.page-titlebar-title")).getText());
    }

    @Test
    void searchLoadsCleanlyAndKeyboardReachesTheMenus() {
        load("/search?q=boston", "search");
        assertTrue(browser.findElements(By.cssSelector("li.hit")).size() > 0);
        load("/", null);
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertEquals("Skip to content", skip.getText());
        WebElement about = browser.findElement(By.cssSelector(".drawer-toggle[aria-controls=about-drawer]"));
        about.sendKeys("");
        browser.executeScript("arguments[0].focus()", about);
        assertTrue(browser.findElement(By.cssSelector("#about-drawer a[href='/faq']")).isDisplayed(),
                "the About menu opens on keyboard focus");
        screenshot("about-menu-focused");
    }

    @Test
    void masterpieceCollectionFiltersAsYouType() {
        load("/collections/masterpiece", "masterpiece");
        WebElement filter = browser.findElement(By.id("masterpiece-q"));
        filter.sendKeys("churchill");
        List<String> shown = browser.findElements(By.cssSelector("a.masterpiece-link")).stream()
                .filter(WebElement::isDisplayed).map(link -> link.getAttribute("data-key")).toList();
        assertEquals(List.of("firstchurchillsthe", "winstonchurchillthewildernessyears"), shown);
        assertEquals(2, browser.findElements(By.cssSelector(".season-jump a")).stream().filter(WebElement::isDisplayed).count());
        assertTrue(!browser.findElement(By.cssSelector("p.no-results")).isDisplayed());
        screenshot("masterpiece-filtered");
        filter.sendKeys("zzqx");
        assertTrue(browser.findElement(By.cssSelector("p.no-results")).isDisplayed());
        load("/miniseries/jewelinthecrownthe", "miniseries");
        load("/collections/masterpiece-funders", "masterpiece-funders");
        load("/credits/vietnam", "credits-vietnam");
    }

    @Test
    void theOriginalsAapbHashOpensTheAmericanArchiveTab() {
        String docs = "{\"response\": {\"numFound\": 12, \"docs\": [{\"id\": \"cpb-aacip-15-vn001\", "
                + "\"title\": \"Vietnam: Interview\", \"xml\": \"<pbcoreDescriptionDocument><pbcoreDescription>"
                + "About Vietnam.</pbcoreDescription></pbcoreDescriptionDocument>\"}]}}";
        try (FakeHttpServer aapb = FakeHttpServer.start((path, query) -> FakeHttpServer.Answer.json(docs))) {
            io.helidon.webserver.WebServer frontend = RunningSite.startFrontend(
                    "http://127.0.0.1:" + site.backend.port(), java.util.Map.of("ov.aapb.host", aapb.url()));
            try {
                loadUrl("http://127.0.0.1:" + frontend.port() + "/search?q=vietnam#aapb", null);
                waitFor(() -> browser.getCurrentUrl().contains("tab=aapb")
                        && "complete".equals(browser.executeScript("return document.readyState")));
                assertEquals("Vietnam: Interview", browser.findElement(By.cssSelector("li.aapb-hit h3")).getText().replace(" ↗", ""));
                screenshot("search-aapb");
                assertNoConsoleProblems("/search#aapb");
            } finally {
                frontend.stop();
            }
        }
    }

    private static void load(String path, String screenshot) {
        loadUrl(site.url(path), screenshot);
        assertNoConsoleProblems(path);
    }

    private static void loadUrl(String url, String screenshot) {
        browser.get(url);
        if (screenshot != null) {
            screenshot(screenshot);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting in the browser");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void assertNoConsoleProblems(String path) {
        // An error page's own status (404, 400) is reported on the console too; it is what the page is for.
        String ownStatus = site.url(path) + " - Failed to load resource: the server responded with a status of 4";
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(entry -> !entry.getMessage().startsWith(ownStatus))
                .toList();
        assertTrue(problems.isEmpty(), path + ": " + problems);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
