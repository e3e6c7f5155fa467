package org.openvault.backend.adminsite;

/** What the layout needs: the page's title, who is signed in (null on the login and error pages), the nav section. */
public record Chrome(String title, SignedIn user, String section) {

    /** {@code aria-current} for a nav link: "page" for the current section, else null (jte then omits it). */
    public String current(String name) {
        return name.equals(section) ? "page" : null;
    }
}
