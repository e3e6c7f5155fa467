package org.openvault.backend.collections;

import org.openvault.backend.pages.PageContent;
import org.openvault.backend.pages.PageRow;

/** An {@code ov_collections.Collection}; {@code content} is the stored StreamField JSON (null when not read). */
public record CollectionPage(PageRow page, String introduction, String content, Integer coverImageId,
                             Integer heroImageId, boolean featured) implements PageContent {
}
