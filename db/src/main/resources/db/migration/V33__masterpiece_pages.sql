-- The Masterpiece collection's texts as static pages (staticpages.StaticPage), so editors change them in the CMS:
-- /collections/masterpiece (the introduction above the season browser; its seasons come from V32's tables) and
-- /collections/masterpiece-funders. A static page's site path follows the page tree, so both sit under a plain
-- folder page 'collections' (wagtailcore.Page, no content of its own: the site's /collections listing is not it).
INSERT INTO page (type, slug, title, draft_title, live, first_published_at, last_published_at, parent_id)
SELECT 'wagtailcore.Page', 'collections', 'Special Collections', 'Special Collections', true, now(), now(), 3
WHERE NOT EXISTS (SELECT 1 FROM page WHERE parent_id = 3 AND slug = 'collections');

WITH folder AS (
  SELECT id FROM page WHERE parent_id = 3 AND slug = 'collections'
), pages (slug, title, description, body) AS (VALUES
  ('masterpiece', 'Alistair Cooke Masterpiece Theatre Collection',
   'Browse the Masterpiece Theatre miniseries Alistair Cooke introduced from 1971 to 1992, season by season.',
   '<p>From 1971 to 1992 Alistair Cooke welcomed American viewers to <i>Masterpiece Theatre</i>, the Sunday-evening home of British drama that WGBH Boston presented on public television. This collection follows the miniseries he introduced, season by season, from <i>The First Churchills</i> to his last year as host.</p>'
   '<p>Choose a title to read about it and to find its records on the American Archive of Public Broadcasting. <a href="/collections/masterpiece-funders">Learn more about the funders of this collection</a>.</p>'),
  ('masterpiece-funders', 'Learn More About the Funders for the Masterpiece Special Collection',
   'The people and organizations whose support preserved the Alistair Cooke Masterpiece Theatre collection.',
   '<h2>The collection</h2>'
   '<p>The GBH Archives keep the introductions and closing words Alistair Cooke recorded over more than two decades of <i>Masterpiece Theatre</i>, together with the production records of the series. Cataloguing and digitizing this material, and opening it to everyone through the American Archive of Public Broadcasting, was made possible by the support described on this page.</p>'
   '<h2>Masterpiece Theatre</h2>'
   '<p><i>Masterpiece Theatre</i> first went on the air in January 1971 with <i>The First Churchills</i>. Presented by WGBH Boston, it brought British television drama to American audiences every Sunday evening, and it grew into the longest-running weekly prime-time drama series on American television.</p>'
   '<h2>Alistair Cooke</h2>'
   '<p>Alistair Cooke (1908–2004) was a British-born American journalist and broadcaster. Radio listeners around the world knew him from his weekly <i>Letter from America</i> for the BBC; American viewers knew him from <i>Omnibus</i> and from his own series <i>America</i>. He hosted <i>Masterpiece Theatre</i> from its first evening until 1992, and his unhurried introductions became part of the series'' character.</p>'
   '<h2>Support</h2>'
   '<p>The work was supported by a challenge grant from the National Endowment for the Humanities, matched by gifts from foundations and from individual donors who care about the history of public broadcasting. GBH thanks every one of them.</p>'
   '<p>You can support the GBH Archives too: <a href="https://gbharchivesopenvault.donorsupport.co/page/general-fundraising">make a gift</a>.</p>')
), inserted AS (
  INSERT INTO page (type, slug, title, draft_title, search_description, live, first_published_at, last_published_at, parent_id)
  SELECT 'staticpages.StaticPage', p.slug, p.title, p.title, p.description, true, now(), now(), f.id FROM pages p, folder f
  WHERE NOT EXISTS (SELECT 1 FROM page e WHERE e.parent_id = f.id AND e.slug = p.slug)
  RETURNING id, slug
)
INSERT INTO static_page (page_id, subtitle, body)
SELECT i.id, '', p.body FROM inserted i JOIN pages p USING (slug);
