-- Demo content for local runs and the demo namespace: 4 exhibits and 4 collections under Home, authors with
-- bios, footnotes referenced from text blocks, every block type, other exhibits. Text written by us; AAPB GUIDs
-- are realistic in shape only. Images are left null (the images feature adds demo images).
-- Idempotent: rows are matched by slug (pages), name (authors), uuid (footnotes); running it twice changes nothing.

CREATE FUNCTION pg_temp.demo_page(p_type text, p_slug text, p_title text, p_description text,
                                  p_first timestamptz, p_last timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    page_id integer;
BEGIN
    SELECT id INTO page_id FROM page WHERE parent_id = 3 AND slug = p_slug;
    IF page_id IS NULL THEN
        INSERT INTO page (type, slug, title, draft_title, live, parent_id, search_description,
                          first_published_at, last_published_at)
        VALUES (p_type, p_slug, p_title, p_title, true, 3, p_description, p_first, p_last)
        RETURNING id INTO page_id;
    ELSIF (SELECT search_description FROM page WHERE id = page_id) = '' THEN
        -- A bare page from an older demo script: complete it once.
        UPDATE page SET type = p_type, title = p_title, draft_title = p_title, search_description = p_description,
                        first_published_at = p_first, last_published_at = p_last
        WHERE id = page_id;
    END IF;
    RETURN page_id;
END $$;

CREATE FUNCTION pg_temp.demo_author(p_name text, p_bio text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    author_id bigint;
BEGIN
    SELECT id INTO author_id FROM author WHERE name = p_name;
    IF author_id IS NULL THEN
        INSERT INTO author (name, bio) VALUES (p_name, p_bio) RETURNING id INTO author_id;
    END IF;
    RETURN author_id;
END $$;

UPDATE home_page SET body = '<p data-block-key="h0m3p">Open Vault from GBH Archives: exhibits and collections from seventy years of public media.</p>'
WHERE page_id = 3 AND body = '';

SELECT pg_temp.demo_author('Maya Okafor', '<p data-block-key="ujzde">Maya Okafor is an archivist at GBH who has catalogued the station''s public affairs programs since 2012.</p>');
SELECT pg_temp.demo_author('Daniel Reyes', '<p data-block-key="8gxd6">Daniel Reyes is a historian of American broadcasting and teaches media history at a Boston-area university.</p>');
SELECT pg_temp.demo_author('Ruth Feldman', '<p data-block-key="ncf10">Ruth Feldman produced science documentaries for public television for three decades. Her work is held in the <i>GBH Archives</i>.</p>');
SELECT pg_temp.demo_author('Samuel Whitaker', '<p data-block-key="epf91">Samuel Whitaker writes about civic television and the history of televised debate.</p>');
SELECT pg_temp.demo_author('Elena Marchetti', '<p data-block-key="dhodz">Elena Marchetti is a preservation specialist who worked on the digitization of GBH''s news film collection.</p>');

WITH p AS (SELECT pg_temp.demo_page('exhibits.ExhibitPage', 'voices-of-the-civil-rights-era', 'Voices of the Civil Rights Era', 'Interviews, speeches and news film from Boston and the South, 1955-1968.', '2024-05-21 14:03:11.512349+00', '2025-01-14 21:30:02.004512+00') AS id)
INSERT INTO exhibit (page_id, body, featured) SELECT id, '[{"type": "heading", "value": "<p data-block-key=\"t9lgm\">Voices of the <i>Civil Rights</i> Era</p>", "id": "b64ce422-8c38-4b29-98f1-35d25f557203"}, {"type": "text", "value": "<p data-block-key=\"edn58\">In the 1960s GBH producers recorded hundreds of hours of interviews with organizers, students and clergy<footnote id=\"0becd7b0-3898-4190-b9eb-dacc0cb1e29c\">[0becd7]</footnote>. Much of it was never broadcast in full.</p><p data-block-key=\"1u33x\">This exhibit gathers those recordings alongside the news film that WGBH and its partners shot in Boston<footnote id=\"4a23d596-2217-4ead-9bc4-96cb8e81973e\">[4a23d5]</footnote>. See also <a id=\"3\" linktype=\"page\">our home page</a>.</p><embed alt=\"A crowd on Boston Common\" embedtype=\"image\" format=\"fullwidth\" id=\"1\"/>", "id": "2e05319a-cb5c-4427-bf98-e2774cbd87ad"}, {"type": "interviews", "value": {"guids": ["cpb-aacip-15-rt72m9jhzb", "cpb-aacip-15-sg9n23jf5t", "cpb-aacip-15-b4hf1q2tkm"], "special_collections": "civil-rights-interviews", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"uvw53\">Interviews with <i>organizers</i></p>", "start_time": "90.0", "end_time": "300.0", "access_level": "online"}, "id": "f1d69ed6-17f5-4837-9708-20fe119a72d1"}, {"type": "subheading", "value": "<p data-block-key=\"r4edt\">News film</p>", "id": "ae658f33-fe3b-490b-93f4-48b3a5aa3c81"}, {"type": "archival_footage", "value": {"guids": ["cpb-aacip-15-wg9rdzqc0g", "cpb-aacip-15-c5n3h16t94"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"pzz5f\">Boston news film, 1963-1965</p>", "start_time": null, "end_time": null, "access_level": "digitized"}, "id": "8ca81811-66d2-4876-b2fd-f2022a96fb1a"}, {"type": "text", "value": "<p data-block-key=\"ri19r\">The films were transferred from 16mm reversal stock in 2019<footnote id=\"1e27a1c0-8a6a-43ec-a4ed-e6a46b4cb242\">[1e27a1]</footnote>.</p><ul><li data-block-key=\"0wyoj\">March on Roxbury, 1965</li><li data-block-key=\"fljoo\">School committee hearings</li></ul>", "id": "96d0cc5f-d4c2-4c2e-bc26-847f0316909e"}, {"type": "programs", "value": {"guids": ["cpb-aacip-15-58904fkcnm", "cpb-aacip-15-b4rxjnpqs1"], "special_collections": "say-brother", "show_title": true, "show_thumbnail": true, "show_sidebar": false, "title": "<p data-block-key=\"39zzz\">Full programs</p>", "start_time": null, "end_time": null, "access_level": "all"}, "id": "a260cd0b-7b45-445c-9a81-682c64e50cad"}, {"type": "html", "value": "<iframe src=\"https://americanarchive.org/openvault/cpb-aacip-15-0v89g5gf5r\" title=\"Embedded record\"></iframe>", "id": "113db17d-30cb-497d-8fef-792866836886"}, {"type": "credits", "value": "<p data-block-key=\"n2khv\">Curated by GBH Archives. Research by Maya Okafor and Daniel Reyes.</p>", "id": "000f49c8-1a35-4ca0-8d75-985d99c94309"}]'::jsonb, true FROM p
ON CONFLICT (page_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 0 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'voices-of-the-civil-rights-era' AND au.name = 'Maya Okafor'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 1 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'voices-of-the-civil-rights-era' AND au.name = 'Daniel Reyes'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '0becd7b0-3898-4190-b9eb-dacc0cb1e29c', '<p data-block-key="hget7">GBH Archives, production files, box 12, folder 3.</p>', 0 FROM page WHERE parent_id = 3 AND slug = 'voices-of-the-civil-rights-era'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '4a23d596-2217-4ead-9bc4-96cb8e81973e', '<p data-block-key="myqoa">Interview logs are held with the original tapes; see the <a href="https://americanarchive.org">AAPB catalog</a>.</p>', 1 FROM page WHERE parent_id = 3 AND slug = 'voices-of-the-civil-rights-era'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '1e27a1c0-8a6a-43ec-a4ed-e6a46b4cb242', '<p data-block-key="a8t3r">Transfer notes by the <i>GBH Media Library</i> staff.</p>', 2 FROM page WHERE parent_id = 3 AND slug = 'voices-of-the-civil-rights-era'
ON CONFLICT (page_id, uuid) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('exhibits.ExhibitPage', 'science-on-the-air', 'Science on the Air', 'How public television taught a generation to love science: behind the scenes of GBH science programs.', '2023-11-02 16:20:00+00', '2024-12-03 10:15:30.250000+00') AS id)
INSERT INTO exhibit (page_id, body, featured) SELECT id, '[{"type": "heading", "value": "<p data-block-key=\"yjqwx\">Science on the Air</p>", "id": "d953ee26-1d87-4ec3-9f72-96ab7961fd92"}, {"type": "text", "value": "<p data-block-key=\"5344t\">Long before streaming, science reached living rooms through weekly documentaries<footnote id=\"19f9919c-895f-47b3-a6b9-4c7f9118bb16\">[19f991]</footnote>.</p><hr/><p data-block-key=\"fjgvq\">Producers traveled with film crews to laboratories, volcanoes and ocean research vessels<footnote id=\"068739fa-9d1d-42a0-9d15-8a2ff2ee4e45\">[068739]</footnote>.</p>", "id": "29540a6e-b12a-41f6-942f-ddbb7a86f7a2"}, {"type": "photographs", "value": {"guids": ["cpb-aacip-15-j06jc4rk0t", "cpb-aacip-15-j9px2rx8jc", "cpb-aacip-15-5ct7kktjbp", "cpb-aacip-15-7nvvtx6v7w"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"zom75\">Production stills</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "fd56a926-076b-4e36-bb23-13f55b06258e"}, {"type": "original_footage", "value": {"guids": ["cpb-aacip-15-0v8h86rncg", "cpb-aacip-15-vscc2737h6"], "special_collections": "science-field-footage", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"vn4a4\">Unedited field footage</p>", "start_time": "0.0", "end_time": "125.5", "access_level": "digitized"}, "id": "ccb573d9-5810-460e-a729-91b9e8c14743"}, {"type": "subheading", "value": "<p data-block-key=\"fhym4\">On the record</p>", "id": "ca04c79f-6f15-46ad-adb3-997fe39639be"}, {"type": "text", "value": "<p data-block-key=\"vfz3z\"><b>Note:</b> some footage is available only on site at the Library of Congress<footnote id=\"9d33a01c-353c-431c-9fd4-3f371200339d\">[9d33a0]</footnote>.</p>", "id": "b98c67c2-15bd-448f-b261-49edbe4c5ce6"}, {"type": "interviews", "value": {"guids": ["cpb-aacip-15-55404mzgvp", "cpb-aacip-15-4nwnhqc4kk"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"ibag7\">Interviews with scientists</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "6f0e2289-23a5-4f88-af02-090bbfdefc15"}, {"type": "credits", "value": "<p data-block-key=\"mnbqn\">Curated by Ruth Feldman.</p>", "id": "c38084a0-3d93-4d4c-804c-25d64affdcd1"}]'::jsonb, true FROM p
ON CONFLICT (page_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 0 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'science-on-the-air' AND au.name = 'Ruth Feldman'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '19f9919c-895f-47b3-a6b9-4c7f9118bb16', '<p data-block-key="up47p">GBH Archives, production files, box 12, folder 3.</p>', 0 FROM page WHERE parent_id = 3 AND slug = 'science-on-the-air'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '068739fa-9d1d-42a0-9d15-8a2ff2ee4e45', '<p data-block-key="9pb0t">Interview logs are held with the original tapes; see the <a href="https://americanarchive.org">AAPB catalog</a>.</p>', 1 FROM page WHERE parent_id = 3 AND slug = 'science-on-the-air'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '9d33a01c-353c-431c-9fd4-3f371200339d', '<p data-block-key="dbm50">Transfer notes by the <i>GBH Media Library</i> staff.</p>', 2 FROM page WHERE parent_id = 3 AND slug = 'science-on-the-air'
ON CONFLICT (page_id, uuid) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('exhibits.ExhibitPage', 'the-advocates', 'The Advocates: Debate as Television', 'A public affairs series that staged real policy debates before a television audience.', '2024-02-10 12:00:00+00', '2024-09-18 08:45:00+00') AS id)
INSERT INTO exhibit (page_id, body, featured) SELECT id, '[{"type": "heading", "value": "<p data-block-key=\"3706i\">The <i>Advocates</i></p>", "id": "82b33599-8604-4719-a6de-bfdb8825ae56"}, {"type": "text", "value": "<p data-block-key=\"b2laj\">Each episode put two advocates and their witnesses before a studio audience and a decision maker<footnote id=\"8b5ab3ee-4265-4b31-9374-09029620bf0d\">[8b5ab3]</footnote>.</p><blockquote><p data-block-key=\"lj4h9\">Television can be a forum, not only a stage.</p></blockquote><p data-block-key=\"du779\">Viewers voted by mail<footnote id=\"0f977044-218e-4b7b-958d-cdb46b446806\">[0f9770]</footnote><footnote id=\"e5cfedfa-5a91-46f0-bd6b-881ae8f6e0bd\">[e5cfed]</footnote>.</p>", "id": "1b29fc99-c6c8-4e2b-88c6-14b27b8444d1"}, {"type": "programs", "value": {"guids": ["cpb-aacip-15-zk17681t3j", "cpb-aacip-15-gk0tz2gbnj", "cpb-aacip-15-nj6r8gjkvh"], "special_collections": "the-advocates", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"6p7q9\">Selected episodes</p>", "start_time": null, "end_time": null, "access_level": "all"}, "id": "d70a39d1-33dc-477f-b179-f2d2e48b9662"}, {"type": "related_content", "value": {"guids": ["cpb-aacip-15-g4f3dgb2q7", "cpb-aacip-15-f26q9v3zt4"], "special_collections": "", "show_title": true, "show_thumbnail": false, "show_sidebar": true, "title": "<p data-block-key=\"xjqi3\">Related programs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "18189af4-f3d7-4f82-bf26-8ea03836e865"}, {"type": "credits", "value": "<p data-block-key=\"z5kok\">Curated by Samuel Whitaker and Daniel Reyes.</p>", "id": "83feb17b-fe7b-4ae4-ae78-36a4b4d19ec1"}]'::jsonb, false FROM p
ON CONFLICT (page_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 0 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'the-advocates' AND au.name = 'Samuel Whitaker'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 1 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'the-advocates' AND au.name = 'Daniel Reyes'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '8b5ab3ee-4265-4b31-9374-09029620bf0d', '<p data-block-key="fqo1x">GBH Archives, production files, box 12, folder 3.</p>', 0 FROM page WHERE parent_id = 3 AND slug = 'the-advocates'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '0f977044-218e-4b7b-958d-cdb46b446806', '<p data-block-key="o5cv0">Interview logs are held with the original tapes; see the <a href="https://americanarchive.org">AAPB catalog</a>.</p>', 1 FROM page WHERE parent_id = 3 AND slug = 'the-advocates'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, 'e5cfedfa-5a91-46f0-bd6b-881ae8f6e0bd', '<p data-block-key="xzmas">Transfer notes by the <i>GBH Media Library</i> staff.</p>', 2 FROM page WHERE parent_id = 3 AND slug = 'the-advocates'
ON CONFLICT (page_id, uuid) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('exhibits.ExhibitPage', 'reporting-boston', 'Reporting Boston: The Ten O''Clock News', 'Two decades of local television news from GBH, from busing to the Big Dig.', '2023-06-15 09:30:00+00', '2025-03-01 17:05:45.100000+00') AS id)
INSERT INTO exhibit (page_id, body, featured) SELECT id, '[{"type": "heading", "value": "<p data-block-key=\"32byv\">Reporting Boston</p>", "id": "83239ef5-4ba2-4161-9fb9-af5084768b8c"}, {"type": "text", "value": "<p data-block-key=\"ehogf\">From 1976 to 1991 the station''s nightly newscast covered the city''s neighborhoods in depth<footnote id=\"321c5296-6bd8-4676-96d0-50cd67601367\">[321c52]</footnote>.</p><ol><li data-block-key=\"qrclr\">Busing and school desegregation</li><li data-block-key=\"i1qzj\">City elections</li></ol><p data-block-key=\"865uf\">The news film and videotape survive largely intact<footnote id=\"b8dee081-179a-471e-918a-e4525b4b1b75\">[b8dee0]</footnote>; transcripts were added later<footnote id=\"8dd63cb9-5685-4624-84fc-d5555daf106d\">[8dd63c]</footnote>.</p>", "id": "b02e3d8d-ccb1-451d-8eba-0ea84770a087"}, {"type": "archival_footage", "value": {"guids": ["cpb-aacip-15-5fz280p2v8", "cpb-aacip-15-2nx728x3g0", "cpb-aacip-15-bkf8n41jr7"], "special_collections": "ten-oclock-news", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"hkqdl\">Raw news footage</p>", "start_time": "30.0", "end_time": null, "access_level": "online"}, "id": "a0f096da-4fde-4bec-aea7-bb6433a71568"}, {"type": "interviews", "value": {"guids": ["cpb-aacip-15-9jt69gjq58", "cpb-aacip-15-cv08100sjk"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"m64p2\">Reporters remember</p>", "start_time": null, "end_time": null, "access_level": "digitized"}, "id": "a66d58b5-d1a4-401e-a887-ae221b35411b"}, {"type": "subheading", "value": "<p data-block-key=\"158z6\">Watch a broadcast</p>", "id": "fb813921-3716-4c16-b00f-d7bb4ecadea2"}, {"type": "html", "value": "<p>Full broadcasts are available in the <a href=\"https://americanarchive.org\">American Archive of Public Broadcasting</a>.</p>", "id": "d510bb04-32d9-4dcd-97bb-7d973ac4da9a"}, {"type": "credits", "value": "<p data-block-key=\"izwdi\">Curated by Elena Marchetti.</p>", "id": "bdaaea00-a01d-416f-921a-e3e603a63966"}]'::jsonb, false FROM p
ON CONFLICT (page_id) DO NOTHING;
INSERT INTO exhibit_author (page_id, author_id, sort_order)
SELECT pg.id, au.id, 0 FROM page pg, author au WHERE pg.parent_id = 3 AND pg.slug = 'reporting-boston' AND au.name = 'Elena Marchetti'
ON CONFLICT (page_id, author_id) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '321c5296-6bd8-4676-96d0-50cd67601367', '<p data-block-key="6en5m">GBH Archives, production files, box 12, folder 3.</p>', 0 FROM page WHERE parent_id = 3 AND slug = 'reporting-boston'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, 'b8dee081-179a-471e-918a-e4525b4b1b75', '<p data-block-key="tmo3o">Interview logs are held with the original tapes; see the <a href="https://americanarchive.org">AAPB catalog</a>.</p>', 1 FROM page WHERE parent_id = 3 AND slug = 'reporting-boston'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO footnote (page_id, uuid, text, sort_order)
SELECT id, '8dd63cb9-5685-4624-84fc-d5555daf106d', '<p data-block-key="qsg5l">Transfer notes by the <i>GBH Media Library</i> staff.</p>', 2 FROM page WHERE parent_id = 3 AND slug = 'reporting-boston'
ON CONFLICT (page_id, uuid) DO NOTHING;
INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order)
SELECT src.id, dst.id, v.sort_order FROM (VALUES ('science-on-the-air', 0), ('the-advocates', 1), ('reporting-boston', 2)) AS v(slug, sort_order)
JOIN page src ON src.parent_id = 3 AND src.slug = 'voices-of-the-civil-rights-era'
JOIN page dst ON dst.parent_id = 3 AND dst.slug = v.slug
WHERE NOT EXISTS (SELECT 1 FROM exhibit_other_exhibit o WHERE o.page_id = src.id);
INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order)
SELECT src.id, dst.id, v.sort_order FROM (VALUES ('voices-of-the-civil-rights-era', 0), ('reporting-boston', 1)) AS v(slug, sort_order)
JOIN page src ON src.parent_id = 3 AND src.slug = 'science-on-the-air'
JOIN page dst ON dst.parent_id = 3 AND dst.slug = v.slug
WHERE NOT EXISTS (SELECT 1 FROM exhibit_other_exhibit o WHERE o.page_id = src.id);
INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order)
SELECT src.id, dst.id, v.sort_order FROM (VALUES ('voices-of-the-civil-rights-era', 0), ('science-on-the-air', 1)) AS v(slug, sort_order)
JOIN page src ON src.parent_id = 3 AND src.slug = 'the-advocates'
JOIN page dst ON dst.parent_id = 3 AND dst.slug = v.slug
WHERE NOT EXISTS (SELECT 1 FROM exhibit_other_exhibit o WHERE o.page_id = src.id);
INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order)
SELECT src.id, dst.id, v.sort_order FROM (VALUES ('the-advocates', 0), ('voices-of-the-civil-rights-era', 1), ('science-on-the-air', 2)) AS v(slug, sort_order)
JOIN page src ON src.parent_id = 3 AND src.slug = 'reporting-boston'
JOIN page dst ON dst.parent_id = 3 AND dst.slug = v.slug
WHERE NOT EXISTS (SELECT 1 FROM exhibit_other_exhibit o WHERE o.page_id = src.id);

WITH p AS (SELECT pg_temp.demo_page('ov_collections.Collection', 'boston-local-news-1970s', 'Boston Local News, 1970s', 'Local news stories from GBH''s newsroom in the 1970s.', '2023-12-21 16:00:00+00', '2025-06-03 12:10:45.120000+00') AS id)
INSERT INTO collection (page_id, introduction, content, featured) SELECT id, '<p data-block-key="q1kdf">The <i>Ten O''Clock News</i> and its predecessors documented a city in change.</p>', '[{"type": "heading", "value": "<p data-block-key=\"y6sps\">Stories</p>", "id": "28541424-2f73-4b05-b59e-b5590b94af3a"}, {"type": "archival_footage", "value": {"guids": ["cpb-aacip-15-8g08cbkb71", "cpb-aacip-15-z96c50bd2h", "cpb-aacip-15-8jp67jt028", "cpb-aacip-15-w24dm1d099"], "special_collections": "boston-local-news", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"of7jy\">News film</p>", "start_time": null, "end_time": null, "access_level": "all"}, "id": "fc173498-b87e-4e2b-937d-9128c3a9e889"}, {"type": "text", "value": "<p data-block-key=\"5jsjc\">Selected by the GBH Archives staff from more than 20,000 stories.</p>", "id": "e456559c-b70a-45f2-95d5-891fd329d65c"}, {"type": "interviews", "value": {"guids": ["cpb-aacip-15-jpfsrvj4jt", "cpb-aacip-15-jmwwv0wqmv"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"ofbci\">Interviews</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "1adbce5d-f5a2-4879-9c57-532ba31a49dd"}, {"type": "credits", "value": "<p data-block-key=\"y29db\">Digitized with support from the Council on Library and Information Resources.</p>", "id": "3e9b768f-ae40-41e3-880c-b401a0506098"}]'::jsonb, true FROM p
ON CONFLICT (page_id) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('ov_collections.Collection', 'say-brother', 'Say Brother', 'Boston''s groundbreaking Black public affairs series.', '2023-10-02 14:00:00+00', '2025-02-11 09:00:00+00') AS id)
INSERT INTO collection (page_id, introduction, content, featured) SELECT id, '<p data-block-key="5qa3e"><i>Say Brother</i> premiered on WGBH in 1968 and is still on the air as <i>Basic Black</i>.</p>', '[{"type": "heading", "value": "<p data-block-key=\"68f7e\">Episodes</p>", "id": "408fc146-794e-4926-bc9e-28eabee80626"}, {"type": "programs", "value": {"guids": ["cpb-aacip-15-v2x87st67s", "cpb-aacip-15-pghxd2hq9t", "cpb-aacip-15-1npp62n4b8"], "special_collections": "say-brother", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"tia4d\">Full episodes</p>", "start_time": null, "end_time": null, "access_level": "all"}, "id": "ac084ba5-f8f6-49ac-84ce-4ab37c5d42dc"}, {"type": "photographs", "value": {"guids": ["cpb-aacip-15-3r6qh9rj9g", "cpb-aacip-15-ggt3zk692h"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"bs3e6\">Studio photographs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "fe749e67-730f-47f1-be9e-b4adf7d5f124"}, {"type": "text", "value": "<p data-block-key=\"rynne\">Produced by and for Boston''s Black community.</p>", "id": "bf5b411b-2449-4df6-971e-1a8c94db5f8f"}, {"type": "related_content", "value": {"guids": ["cpb-aacip-15-j8c4nwpj8z"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": false, "title": "<p data-block-key=\"hxo55\">Related</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "00eb4e11-28b8-4073-865b-8c3564e27602"}, {"type": "html", "value": "<p>See also <a href=\"https://americanarchive.org/special_collections/say-brother\">the AAPB special collection</a>.</p>", "id": "736506ec-ae7c-4f09-bddf-cbc9f3308ce5"}, {"type": "credits", "value": "<p data-block-key=\"ztj0w\">Curated by GBH Archives.</p>", "id": "d7196189-1ef3-4a44-90ea-7da760487e15"}]'::jsonb, false FROM p
ON CONFLICT (page_id) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('ov_collections.Collection', 'vietnam-a-television-history', 'Vietnam: A Television History', 'Interviews and footage from the 1983 documentary series.', '2024-01-09 11:11:11+00', '2024-11-20 15:45:00+00') AS id)
INSERT INTO collection (page_id, introduction, content, featured) SELECT id, '<p data-block-key="vauvz">A thirteen-part series with interviews of participants on all sides.</p>', '[{"type": "heading", "value": "<p data-block-key=\"hmasq\">Interviews</p>", "id": "63e19869-6495-4dc2-90a2-5b195f49f0fc"}, {"type": "interviews", "value": {"guids": ["cpb-aacip-15-xm2cft8x18", "cpb-aacip-15-31wq9p478f", "cpb-aacip-15-jb6tcvfz0v", "cpb-aacip-15-tpdzkk6s21"], "special_collections": "vietnam-a-television-history", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"02is5\">Interviews with participants</p>", "start_time": "12.0", "end_time": "600.0", "access_level": "online"}, "id": "8cd3e418-ed41-42ba-a972-9f3f0c89c001"}, {"type": "original_footage", "value": {"guids": ["cpb-aacip-15-45hfb998ss", "cpb-aacip-15-p8dp79hkqd"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"hkken\">Original footage</p>", "start_time": null, "end_time": null, "access_level": "digitized"}, "id": "7f405bc8-cfd3-4d72-a7ec-fd0c8027a2a2"}, {"type": "text", "value": "<p data-block-key=\"9o2v2\">Interview rolls were digitized in full.</p>", "id": "31419775-8c3b-4859-a3bc-91526d6b987a"}, {"type": "credits", "value": "<p data-block-key=\"pflv9\">Produced by WGBH Boston in association with Central Independent Television and Antenne-2.</p>", "id": "5e49422a-3d37-4642-91bc-d77a1751f579"}]'::jsonb, true FROM p
ON CONFLICT (page_id) DO NOTHING;

WITH p AS (SELECT pg_temp.demo_page('ov_collections.Collection', 'la-plaza', 'La Plaza', 'A Spanish-language public affairs program for Boston''s Latino communities.', '2024-07-04 13:00:00+00', '2024-10-10 10:10:10+00') AS id)
INSERT INTO collection (page_id, introduction, content, featured) SELECT id, '<p data-block-key="qmb0y"><i>La Plaza</i> brought community voices to public television from 1972 on.</p>', '[{"type": "heading", "value": "<p data-block-key=\"07nyr\">Programs</p>", "id": "7f867d5f-0fe3-41ec-808a-58d756947a7a"}, {"type": "programs", "value": {"guids": ["cpb-aacip-15-8mc4qjjpvx", "cpb-aacip-15-x628z7ddpg"], "special_collections": "la-plaza", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"1tbic\">Programs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "e54c5de6-c381-4ce6-b5a2-90616cd9e62a"}, {"type": "photographs", "value": {"guids": ["cpb-aacip-15-vhmh02dwjx"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"32pgo\">Photographs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "f8cd9ec3-85b9-409a-a6ed-f1bd27855798"}, {"type": "text", "value": "<p data-block-key=\"g3f9c\">Many episodes are in Spanish with English summaries.</p>", "id": "3b8a27ba-202a-46fa-8844-b8fd0059865a"}, {"type": "credits", "value": "<p data-block-key=\"ctiq7\">Curated by GBH Archives.</p>", "id": "c38b48a2-b2d6-43a2-affb-726aa2e3f93a"}]'::jsonb, false FROM p
ON CONFLICT (page_id) DO NOTHING;

DROP FUNCTION pg_temp.demo_page(text, text, text, text, timestamptz, timestamptz);
DROP FUNCTION pg_temp.demo_author(text, text);
