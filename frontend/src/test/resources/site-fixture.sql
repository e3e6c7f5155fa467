-- Content the site tests render: one exhibit with every block type, authors and footnotes, one collection,
-- one related exhibit, all under Home (id 3).
INSERT INTO page (id, type, slug, title, draft_title, live, search_description, first_published_at, last_published_at, parent_id)
OVERRIDING SYSTEM VALUE VALUES
  (9001, 'exhibits.ExhibitPage', 'voices-of-the-vietnam-era', 'Voices of the Vietnam Era', 'Voices of the Vietnam Era', true,
   'Interviews and footage from GBH''s Vietnam: A Television History.', now(), now(), 3),
  (9002, 'exhibits.ExhibitPage', 'say-brother-exhibit', 'Tom & Jerry <Live>', 'Tom & Jerry <Live>', true, '', now(), now() - interval '1 day', 3),
  (9003, 'ov_collections.Collection', 'say-brother', 'Say Brother', 'Say Brother', true,
   'Boston''s groundbreaking Black public affairs series.', now(), now(), 3),
  (9004, 'exhibits.ExhibitPage', 'draft-exhibit', 'A Draft', 'A Draft', false, '', NULL, NULL, 3);

INSERT INTO exhibit (page_id, featured, body) VALUES
  (9001, true, '[
    {"type": "heading", "value": "<p data-block-key=\"h7k2q\">Voices of the <i>Vietnam</i> Era</p>", "id": "0b6d7f0e-3c1a-4f8e-9a51-2b0c3d4e5f60"},
    {"type": "text", "value": "<p data-block-key=\"a8k3j\">Producers recorded hundreds of hours of interviews<footnote id=\"3fa85f64-5717-4562-b3fc-2c963f66afa6\">[3fa85f]</footnote> and field footage<footnote id=\"11111111-2222-4333-8444-555555555555\">[111111]</footnote>.</p>", "id": "5e1f1a52-7d0c-4c84-8f55-0d9a6b1c2e33"},
    {"type": "interviews", "value": {"guids": ["cpb-aacip-15-0v89g5gf5r", "cpb-aacip_15-1r6n00zw3d", "cpb-aacip-15-third"], "special_collections": "vietnam-a-television-history", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p data-block-key=\"q1w2e\">Interviews with veterans</p>", "start_time": "90.0", "end_time": "300.0", "access_level": "online"}, "id": "9c0e2b7a-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "archival_footage", "value": {"guids": ["cpb-aacip-15-footage"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": false, "title": "<p>Hidden from the sidebar</p>", "start_time": null, "end_time": "60.0", "access_level": "online"}, "id": "aaaa0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "photographs", "value": {"guids": [], "special_collections": "", "show_title": false, "show_thumbnail": false, "show_sidebar": true, "title": "<p>Photographs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "bbbb0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "original_footage", "value": {"guids": ["cpb-aacip-15-orig"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p>Original footage</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "cccc0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "programs", "value": {"guids": ["cpb-aacip-15-prog"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p>Programs</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "dddd0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "related_content", "value": {"guids": ["cpb-aacip-15-rel"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p>Related content</p>", "start_time": null, "end_time": null, "access_level": "online"}, "id": "eeee0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "subheading", "value": "<p data-block-key=\"s9d8f\">Further viewing</p>", "id": "77aa0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "html", "value": "<div class=\"embedded-html\"><strong>Raw</strong> HTML</div>", "id": "88bb0000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "credits", "value": "<p data-block-key=\"c0r1e\">Curated by GBH Archives.</p>", "id": "99cc0000-1111-4a2b-8c3d-4e5f6a7b8c9d"}
  ]'),
  (9002, false, '[{"type": "text", "value": "<p>Another exhibit.</p>", "id": "12340000-1111-4a2b-8c3d-4e5f6a7b8c9d"}]'),
  (9004, false, '[]');

INSERT INTO author (id, name, bio) OVERRIDING SYSTEM VALUE VALUES
  (9101, 'Jane Doe', '<p data-block-key="b1o2x">Jane Doe is a historian of <b>public media</b>.</p>'),
  (9102, 'John Roe', '');
INSERT INTO exhibit_author (page_id, author_id, sort_order) VALUES (9001, 9101, 0), (9001, 9102, 1);

-- Numbering follows this order, not the order of the markers in the text.
INSERT INTO footnote (page_id, uuid, text, sort_order) VALUES
  (9001, '11111111-2222-4333-8444-555555555555', '<p>Field notes, reel 4.</p>', 0),
  (9001, '3fa85f64-5717-4562-b3fc-2c963f66afa6', '<p data-block-key="f0n1t">GBH Archives, box 12.</p>', 1);

INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order) VALUES (9001, 9002, 0);

INSERT INTO collection (page_id, featured, introduction, content) VALUES
  (9003, true, '<p data-block-key="i8n7t"><i>Say Brother</i> premiered on WGBH in 1968.</p>', '[
    {"type": "heading", "value": "<p>Episodes</p>", "id": "c1000000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "programs", "value": {"guids": ["cpb-aacip-15-abc123", "cpb-aacip-15-def456"], "special_collections": "say-brother", "show_title": true, "show_thumbnail": true, "show_sidebar": true, "title": "<p>Full episodes</p>", "start_time": null, "end_time": null, "access_level": "all"}, "id": "c2000000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "text", "value": "<p>More about the series.</p>", "id": "c3000000-1111-4a2b-8c3d-4e5f6a7b8c9d"},
    {"type": "credits", "value": "<p>Digitized with support from funders.</p>", "id": "c4000000-1111-4a2b-8c3d-4e5f6a7b8c9d"}
  ]');
