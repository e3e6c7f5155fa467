-- The image columns of the content model (created as plain integers in V4-V6) now reference the image library.
-- Deleting an image empties the fields that used it (Wagtail: ON DELETE SET NULL); pages and authors stay.
-- Values that point at no image (none can exist yet on a fresh database) are cleared first.
UPDATE exhibit SET cover_image_id = NULL
    WHERE cover_image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image i WHERE i.id = exhibit.cover_image_id);
UPDATE exhibit SET hero_image_id = NULL
    WHERE hero_image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image i WHERE i.id = exhibit.hero_image_id);
UPDATE collection SET cover_image_id = NULL
    WHERE cover_image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image i WHERE i.id = collection.cover_image_id);
UPDATE collection SET hero_image_id = NULL
    WHERE hero_image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image i WHERE i.id = collection.hero_image_id);
UPDATE author SET image_id = NULL
    WHERE image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image i WHERE i.id = author.image_id);

ALTER TABLE exhibit
    ADD CONSTRAINT exhibit_cover_image_fk FOREIGN KEY (cover_image_id) REFERENCES image (id) ON DELETE SET NULL,
    ADD CONSTRAINT exhibit_hero_image_fk FOREIGN KEY (hero_image_id) REFERENCES image (id) ON DELETE SET NULL;
ALTER TABLE collection
    ADD CONSTRAINT collection_cover_image_fk FOREIGN KEY (cover_image_id) REFERENCES image (id) ON DELETE SET NULL,
    ADD CONSTRAINT collection_hero_image_fk FOREIGN KEY (hero_image_id) REFERENCES image (id) ON DELETE SET NULL;
ALTER TABLE author
    ADD CONSTRAINT author_image_fk FOREIGN KEY (image_id) REFERENCES image (id) ON DELETE SET NULL;

-- Indexes so that deleting an image finds the rows to clear without scanning.
CREATE INDEX exhibit_cover_image_idx ON exhibit (cover_image_id);
CREATE INDEX exhibit_hero_image_idx ON exhibit (hero_image_id);
CREATE INDEX collection_cover_image_idx ON collection (cover_image_id);
CREATE INDEX collection_hero_image_idx ON collection (hero_image_id);
CREATE INDEX author_image_idx ON author (image_id);
