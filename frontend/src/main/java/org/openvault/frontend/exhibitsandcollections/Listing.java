package org.openvault.frontend.exhibitsandcollections;

import java.util.List;

import org.openvault.frontend.content.Card;

/** What an index page of exhibits or collections shows: its heading, the sentence under it and the cards. */
public record Listing(String heading, String blurb, List<Card> cards) {
}
