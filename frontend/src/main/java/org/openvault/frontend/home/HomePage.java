package org.openvault.frontend.home;

import java.util.List;

import org.openvault.frontend.content.Card;

/** What the home page shows: the carousel slides (none when there is no exhibit) and the two rows of cards. */
public record HomePage(List<Slide> slides, List<Card> collections, List<Card> exhibits) {
}
