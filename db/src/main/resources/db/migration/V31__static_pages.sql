-- static_page: the fields of 'staticpages.StaticPage', a simple CMS page for the site's fixed pages (about, FAQ,
-- contact, visit, privacy, terms, credits) on top of its page row, so editors change their text without a deploy.
-- subtitle is plain text shown under the title; body is rich text (trusted CMS HTML). The public URL follows the
-- page tree: a static page directly under Home is /{slug}, one under another static page /{parent}/{slug}.
CREATE TABLE static_page (
    page_id  integer PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
    subtitle text NOT NULL DEFAULT '' CHECK (length(subtitle) <= 255),
    body     text NOT NULL DEFAULT ''
);

-- The initial pages, written for this site (editors revise them in the CMS).
WITH pages (slug, title, subtitle, description, body) AS (VALUES
  ('about', 'About Open Vault', 'Public media history from the GBH Archives',
   'What Open Vault is and where its programs come from.',
   '<h2>Welcome to Open Vault</h2>'
   '<p>Open Vault opens the GBH Archives in Boston to everyone: television and radio programs, raw interviews and footage that GBH has produced and collected since 1947.</p>'
   '<p>Scholars shape parts of the archive into <a href="/exhibits">exhibits</a> on a topic, and archivists gather related material into <a href="/collections">special collections</a>. Many programs play directly on the page through the American Archive of Public Broadcasting (AAPB).</p>'
   '<h2>More from the archive</h2>'
   '<ul><li><a href="https://americanarchive.org">American Archive of Public Broadcasting</a>: programs from public broadcasters across the United States, GBH among them.</li>'
   '<li><a href="https://wgbhstocksales.org/">GBH Stock Sales</a>: licensing of archival footage for productions.</li>'
   '<li><a href="https://bostonlocaltv.org/">Boston Local TV News</a>: decades of local news from Boston stations.</li></ul>'
   '<h2>Mailing address</h2><p>Open Vault, GBH Archives<br>One Guest Street<br>Boston, MA 02135</p>'),
  ('faq', 'Frequently Asked Questions', '',
   'Answers to common questions about watching, buying and licensing GBH Archives material.',
   '<h3>A program does not play. What can I do?</h3><p>Try reloading the page or another browser. If it still fails, <a href="/contact-us">tell us</a> which page and program, and we will look into it.</p>'
   '<h3>I found a factual error. Whom do I tell?</h3><p>Please <a href="/contact-us">contact us</a> with the page address and the correction.</p>'
   '<h3>Can I buy a copy of a program?</h3><p>Some programs are sold by their distributors. Open Vault itself does not sell copies.</p>'
   '<h3>Can I use footage in my own production?</h3><p>Archival footage is licensed through <a href="https://wgbhstocksales.org/">GBH Stock Sales</a>.</p>'
   '<h3>Can I visit the archive?</h3><p>Yes, by appointment. See <a href="/visit-us">Visit Us</a>.</p>'),
  ('contact-us', 'Contact Us', '',
   'How to reach the Open Vault team at the GBH Archives.',
   '<p>Questions, corrections and suggestions are welcome. Write to <a href="mailto:openvault@wgbh.org">openvault@wgbh.org</a>.</p>'
   '<h3>Mailing address</h3><p>Open Vault, GBH Archives<br>WGBH Educational Foundation<br>One Guest Street<br>Boston, MA 02135</p>'),
  ('visit-us', 'Visit Us', 'Research at the GBH Archives',
   'How to arrange an on-site research visit to the GBH Archives.',
   '<p>Researchers can view material that is not online at the GBH Archives in Boston, on weekdays by appointment. Please ask at least two weeks before your visit.</p>'
   '<p>Write to <a href="mailto:archive_requests@wgbh.org">archive_requests@wgbh.org</a> with your topic, the programs you would like to see and the dates that suit you.</p>'
   '<h2>Guidelines</h2><ul><li>Bring a photo ID.</li><li>Food and drink stay outside the viewing room.</li><li>Recording or copying material needs written permission.</li></ul>'),
  ('privacy-policy', 'Privacy Policy', '',
   'How Open Vault handles information about its visitors.',
   '<p>Open Vault does not ask you to sign in and sets no cookies of its own. Our web servers keep standard access logs (address, time, page requested) for security and to understand how the site is used; these are deleted after a limited time.</p>'
   '<h3>Embedded players</h3><p>Programs play in a player from the American Archive of Public Broadcasting, which has its own privacy policy. The player loads only when you press play.</p>'
   '<h3>Changes</h3><p>We will post any change to this policy on this page.</p>'),
  ('terms', 'Terms and Conditions', '',
   'The terms for using Open Vault and the material it presents.',
   '<p>The programs, images and texts on Open Vault are provided for personal, educational and research use. They remain the property of the WGBH Educational Foundation or of their other rights holders.</p>'
   '<p>You may link to any page. Any other reuse, including copying, redistribution or broadcast, needs written permission; footage licensing is handled by <a href="https://wgbhstocksales.org/">GBH Stock Sales</a>.</p>'
   '<p>The material is historical and reflects the time it was made. It is provided as is, without warranty of any kind.</p>'),
  ('credits', 'Funders & Credits', 'The people and funders behind Open Vault',
   'The funders, partners and teams who built Open Vault.',
   '<p>Open Vault is the work of the GBH Archives together with many colleagues at GBH and partners elsewhere, made possible by public and private funders.</p>'
   '<h2>Funders</h2><ul><li>National Endowment for the Humanities</li><li>Institute of Museum and Library Services</li><li>The Andrew W. Mellon Foundation</li><li>John D. and Catherine T. MacArthur Foundation</li></ul>'
   '<h2>Open source</h2><p>This site is built with Helidon, PostgreSQL and jte, and set in the Red Hat Display and Red Hat Text typefaces (SIL Open Font License).</p>')
), inserted AS (
  INSERT INTO page (type, slug, title, draft_title, search_description, live, first_published_at, last_published_at, parent_id)
  SELECT 'staticpages.StaticPage', p.slug, p.title, p.title, p.description, true, now(), now(), 3 FROM pages p
  WHERE NOT EXISTS (SELECT 1 FROM page e WHERE e.parent_id = 3 AND e.slug = p.slug)
  RETURNING id, slug
)
INSERT INTO static_page (page_id, subtitle, body)
SELECT i.id, p.subtitle, p.body FROM inserted i JOIN pages p USING (slug);
