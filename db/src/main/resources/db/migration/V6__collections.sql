-- collection: the fields of 'ov_collections.Collection' (spec §1.4) on top of its page row.
-- introduction is rich text in storage format; content is a StreamField stored like exhibit.body.
-- cover_image_id / hero_image_id: plain integers; the images migration adds the foreign keys (ON DELETE SET NULL).
CREATE TABLE collection (
    page_id        integer PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
    introduction   text    NOT NULL DEFAULT '',
    content        jsonb   NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(content) = 'array'),
    cover_image_id integer,
    hero_image_id  integer,
    featured       boolean NOT NULL DEFAULT false
);
