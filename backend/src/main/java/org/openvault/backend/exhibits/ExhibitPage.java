package org.openvault.backend.exhibits;

import java.util.List;

import org.openvault.backend.pages.PageContent;
import org.openvault.backend.pages.PageRow;

/**
 * An {@code exhibits.ExhibitPage}. {@code body} is the stored StreamField JSON (normalised when written);
 * relations are empty when they were not read.
 */
public record ExhibitPage(PageRow page, String body, Integer coverImageId, Integer heroImageId, boolean featured,
                          List<ExhibitAuthor> authors, List<Footnote> footnotes, List<OtherExhibit> otherExhibits)
        implements PageContent {

    /** An author of the exhibit (Wagtail's AuthorsOrderable): link id plus the author's own fields. */
    public record ExhibitAuthor(long id, long authorId, String name, Integer imageId, String bio) {
    }

    /** A footnote: id, uuid and rich text. */
    public record Footnote(long id, String uuid, String text) {
    }

    /** Another (live) exhibit this one recommends, with what its listing card needs. */
    public record OtherExhibit(int exhibitId, String title, String type, String slug, String urlPath,
                               String siteRootPath, String firstPublishedAt, String lastPublishedAt,
                               boolean featured, Integer coverImageId, Integer heroImageId) {
    }
}
