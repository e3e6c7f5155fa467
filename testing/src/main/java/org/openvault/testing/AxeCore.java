package org.openvault.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * axe-core (vendored, MPL-2.0, see {@code axe-core/README.md}) for the browser tests: inject {@link #SCRIPT} into a
 * loaded page, then run {@link #RUN} as an asynchronous script; it answers the serious and critical WCAG 2.1 A/AA
 * violations as lines {@code rule (impact) at selectors}.
 */
public final class AxeCore {

    /** The library: defines {@code axe} in the page. */
    public static final String SCRIPT = resource("/axe-core/axe.min.js");

    // WCAG 2.1 A and AA rules only; best-practice rules are advice, not the standard the screens are held to.
    public static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(result => done(result.violations
                    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
                    .map(violation => violation.id + ' (' + violation.impact + ') at '
                        + violation.nodes.map(node => node.target.join(' ')).join(', '))))
                .catch(error => done(['axe failed: ' + error]));
            """;

    private AxeCore() {
    }

    private static String resource(String name) {
        try (InputStream in = AxeCore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
