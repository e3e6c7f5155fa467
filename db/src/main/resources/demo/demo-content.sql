-- Placeholder until the full demo content lands: idempotent.
INSERT INTO page (type, slug, title, live, first_published_at, last_published_at)
SELECT v.type, v.slug, v.title, true, now(), now()
FROM (VALUES
    ('exhibits.ExhibitPage', 'voices-of-the-civil-rights-era', 'Voices of the Civil Rights Era'),
    ('exhibits.ExhibitPage', 'science-on-the-air', 'Science on the Air'),
    ('ov_collections.Collection', 'boston-local-news-1970s', 'Boston Local News, 1970s'),
    ('ov_collections.Collection', 'say-brother', 'Say Brother')
) AS v(type, slug, title)
WHERE NOT EXISTS (SELECT 1 FROM page p WHERE p.slug = v.slug AND p.parent_id = 3);
INSERT INTO exhibit (page_id) SELECT id FROM page WHERE type = 'exhibits.ExhibitPage' ON CONFLICT DO NOTHING;
INSERT INTO collection (page_id) SELECT id FROM page WHERE type = 'ov_collections.Collection' ON CONFLICT DO NOTHING;
