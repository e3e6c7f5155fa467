package org.openvault.backend.richtext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openvault.backend.richtext.RichText.Features;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What survives of an editor's rich text: the storage format of each feature set, and nothing that runs script. */
class RichTextTest {

    private static final String UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private static final List<String> XSS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
            "<a href=\"&#x20;javascript:alert(1)\">x</a>",
            "<a href=\"\u0001javascript:alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a onclick=\"alert(1)\" href=\"https://x.org\">x</a>",
            "<a id=\"12\" linktype=\"page\" href=\"javascript:alert(1)\" onmouseover=\"alert(1)\">p</a>",
            "<a id=\"1 onclick=alert(1)\" linktype=\"page\">p</a>",
            "<svg onload=alert(1)><circle r=\"1\"/></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<style>p{background:url(javascript:alert(1))}</style><p>x</p>",
            "<p onmouseover=\"alert(1)\" data-block-key=\"a\">x</p>",
            "<body onload=alert(1)><p>x</p>",
            "<embed src=\"javascript:alert(1)\">",
            "<embed embedtype=\"media\" url=\"javascript:alert(1)\"/>",
            "<embed embedtype=\"image\" id=\"5\" format=\"left\" onerror=\"alert(1)\" src=\"x.swf\"/>",
            "<footnote id=\"" + UUID + "\" onclick=\"alert(1)\">[3fa85f]</footnote>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<template><script>alert(1)</script></template>",
            "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
            "<base href=\"javascript:alert(1)//\"><a href=\"/x\">x</a>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<textarea><script>alert(1)</script></textarea>",
            "<h2 data-block-key=\"k\" onfocus=\"alert(1)\" tabindex=\"1\" autofocus>x</h2>");

    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void noPayloadRunsScriptInAnyFeatureSet() {
        List<Executable> checks = new ArrayList<>();
        for (Features features : Features.values()) {
            for (String payload : XSS) {
                String out = RichText.sanitise(payload, features);
                String lower = out.toLowerCase(Locale.ROOT);
                checks.add(() -> assertFalse(lower.contains("<script"), features + " " + payload + " -> " + out));
                checks.add(() -> assertFalse(EVENT_HANDLER.matcher(out).find(), features + " " + payload + " -> " + out));
                checks.add(() -> assertFalse(lower.contains("javascript:"), features + " " + payload + " -> " + out));
                checks.add(() -> assertFalse(lower.contains("<iframe") || lower.contains("<svg")
                        || lower.contains("<img") || lower.contains("<style"), features + " " + payload + " -> " + out));
                checks.add(() -> assertOnlyStorageAttributes(out, features + " " + payload));
            }
        }
        assertAll(checks);
    }

    // Re-parsed output carries no attribute outside the storage format and no URL with a scheme other than ours.
    private static void assertOnlyStorageAttributes(String html, String what) {
        for (Element el : Jsoup.parseBodyFragment(html).body().select("*")) {
            for (Attribute attr : el.attributes()) {
                String key = attr.getKey();
                assertFalse(key.startsWith("on") || key.equals("style") || key.equals("src"), what + " -> " + html);
                if (key.equals("href") || key.equals("url")) {
                    String url = attr.getValue().replaceAll("\\s", "").toLowerCase(Locale.ROOT);
                    assertFalse(url.startsWith("javascript") || url.startsWith("data") || url.startsWith("vbscript"),
                            what + " -> " + html);
                }
            }
        }
    }

    @Test
    void unsafeLinksKeepTheirText() {
        assertEquals("x", RichText.sanitise("<a href=\"java&#x09;script:alert(1)\">x</a>", Features.DEFAULT));
        assertEquals("<a href=\"https://x.org\">x</a>",
                RichText.sanitise("<a onclick=\"alert(1)\" href=\"https://x.org\">x</a>", Features.DEFAULT));
        assertEquals("<p>x</p>", RichText.sanitise("<p style=\"color:red\" onclick=\"y()\">x</p>", Features.DEFAULT));
        assertEquals("<p>x</p>", RichText.sanitise("<script>alert(1)</script><style>p{}</style><p>x</p>",
                Features.DEFAULT));
        assertEquals("<a href=\"https://x.org\">x</a>",
                RichText.sanitise("<a href=\" https://x.org\n\">x</a>", Features.DEFAULT));
        assertEquals("a x y b", RichText.sanitise("a <a href=\"//evil.example/\">x</a> <a href=\"/\\evil.example\">y</a> b",
                Features.DEFAULT));
    }

    @Test
    void storageFormatComesOutUnchanged() {
        List<String> defaults = List.of(
                "<p data-block-key=\"a1b2c\">Hi <i>there</i> <a href=\"https://x.org\">x</a> "
                        + "<a id=\"12\" linktype=\"page\">p</a></p>",
                "<h2 data-block-key=\"h1\">Title</h2><h3 data-block-key=\"h2\">Sub</h3><h4 data-block-key=\"h3\">S</h4>"
                        + "<ul><li data-block-key=\"l1\"><b>one</b></li><li data-block-key=\"l2\">two</li></ul>"
                        + "<ol><li data-block-key=\"l3\">three<br>four</li></ol><hr>",
                "<p data-block-key=\"d1\"><a id=\"3\" linktype=\"document\">report</a> <a href=\"mailto:a@b.org\">mail</a> "
                        + "<a href=\"/exhibits/x/\">path</a> <a href=\"#top\">top</a> "
                        + "<a href=\"http://x.org/?a=1&amp;b=2\">q</a> &amp; &lt;tag&gt; caf\u00e9&nbsp;!</p>",
                "<embed alt=\"A &quot;map&quot;\" embedtype=\"image\" format=\"left\" id=\"5\">"
                        + "<embed embedtype=\"media\" url=\"https://www.youtube.com/watch?v=abc\">");
        for (String html : defaults) {
            assertEquals(html, RichText.sanitise(html, Features.DEFAULT));
        }
        String exhibitText = "<p data-block-key=\"f1\">See<footnote id=\"" + UUID + "\">[3fa85f]</footnote>.</p>"
                + "<blockquote data-block-key=\"q1\">quoted</blockquote><hr>"
                + "<embed alt=\"x\" embedtype=\"image\" format=\"fullwidth\" id=\"7\">"
                + "<p data-block-key=\"f2\"><b>b</b> <i>i</i> <a id=\"4\" linktype=\"page\">p</a></p>";
        assertEquals(exhibitText, RichText.sanitise(exhibitText, Features.EXHIBIT_TEXT));
        String heading = "<p data-block-key=\"t1\">The <i>Great</i> War</p>";
        assertEquals(heading, RichText.sanitise(heading, Features.ITALIC_ONLY));
        String footnote = "<p data-block-key=\"n1\"><b>Source:</b> <i>Times</i>, <a href=\"https://x.org\">x</a><br>p. 4</p>";
        assertEquals(footnote, RichText.sanitise(footnote, Features.FOOTNOTE));
    }

    @Test
    void voidElementsAreWrittenTheWayJsoupWritesThem() {
        assertEquals("<hr><embed alt=\"\" embedtype=\"image\" format=\"right\" id=\"9\">",
                RichText.sanitise("<hr/><embed alt=\"\" embedtype=\"image\" format=\"right\" id=\"9\"/>", Features.DEFAULT));
    }

    @Test
    void featureSetsRestrictTags() {
        assertEquals("<p>Bold and <i>it</i></p>",
                RichText.sanitise("<p><b>Bold</b> and <i>it</i></p>", Features.ITALIC_ONLY));
        assertEquals("Title<p>link</p>",
                RichText.sanitise("<h2>Title</h2><p><a href=\"https://x.org\">link</a></p>", Features.ITALIC_ONLY));
        assertEquals("Head<p><b>b</b> <a href=\"https://x.org\">x</a></p>",
                RichText.sanitise("<h2>Head</h2><p><b>b</b> <a href=\"https://x.org\">x</a></p>", Features.FOOTNOTE));
        assertEquals("<p>r  s</p>", RichText.sanitise("<p><a id=\"3\" linktype=\"document\">r</a> "
                + "<embed embedtype=\"media\" url=\"https://x.org/v\"> s</p>", Features.EXHIBIT_TEXT));
        assertEquals("<p>n[3fa85f]</p>quoted",
                RichText.sanitise("<p>n<footnote id=\"" + UUID + "\">[3fa85f]</footnote></p><blockquote>quoted</blockquote>",
                        Features.DEFAULT));
        assertEquals("<p>ab</p>", RichText.sanitise("<p>a<br>b</p>", Features.ITALIC_ONLY));
    }

    @Test
    void attributeValuesOutsideTheStorageFormatAreDropped() {
        assertEquals("u d x", RichText.sanitise("<a id=\"1\" linktype=\"user\">u</a> <a id=\"abc\" linktype=\"page\">d</a> "
                + "<a name=\"x\">x</a>", Features.DEFAULT));
        assertEquals("<a linktype=\"page\" id=\"1\">p</a>",
                RichText.sanitise("<a linktype=\"page\" id=\"1\" href=\"https://x.org\" title=\"t\">p</a>", Features.DEFAULT));
        assertEquals("", RichText.sanitise("<embed embedtype=\"image\" id=\"5\" format=\"center\">"
                + "<embed embedtype=\"image\" id=\"x\" format=\"left\"><embed embedtype=\"video\" url=\"https://x.org\">"
                + "<embed embedtype=\"media\" url=\"ftp://x.org/v\">", Features.DEFAULT));
        assertEquals("<embed embedtype=\"media\" url=\"https://x.org/v\">",
                RichText.sanitise("<embed embedtype=\"media\" url=\"https://x.org/v\" id=\"3\" alt=\"a\">", Features.DEFAULT));
        assertEquals("<p>[abc]</p>",
                RichText.sanitise("<p><footnote id=\"not-a-uuid\">[abc]</footnote></p>", Features.EXHIBIT_TEXT));
        assertEquals("<p data-block-key=\"k\"><b>s</b> <i>e</i></p>",
                RichText.sanitise("<p data-block-key=\"k\" class=\"c\" id=\"i\"><strong>s</strong> <em>e</em></p>",
                        Features.DEFAULT));
        assertEquals("<p>x</p>", RichText.sanitise("<p data-other=\"1\">x</p>", Features.DEFAULT));
    }

    @Test
    void emptyInputIsEmpty() {
        assertEquals("", RichText.sanitise(null, Features.DEFAULT));
        assertEquals("", RichText.sanitise("", Features.DEFAULT));
    }

    @Test
    void textLengthCountsWhatReadersSee() {
        assertEquals(4, RichText.textLength("<p data-block-key=\"a\">a <i>bc</i></p>"));
        assertEquals(3, RichText.textLength("<p>a&amp;b</p>"));
        assertEquals(0, RichText.textLength(null));
        assertEquals(1024, RichText.textLength("<p>" + "x".repeat(1024) + "</p>"));
    }

    @Test
    void staticPagesKeepTheirLayoutContainersByClassOnly() {
        String credits = "<div class=\"static-halfbox small-text\"><div class=\"purple bold\">Project</div>"
                + "<span class=\"black\">GBH</span></div>";
        assertEquals(credits, RichText.sanitise(credits, Features.STATIC_PAGE));
        assertEquals("<div class=\"x\">a</div>",
                RichText.sanitise("<div class=\"x\" style=\"color:red\" onclick=\"alert(1)\">a</div>", Features.STATIC_PAGE));
        assertEquals("a", RichText.sanitise("<div class=\"x\">a</div>", Features.DEFAULT));
    }
}
