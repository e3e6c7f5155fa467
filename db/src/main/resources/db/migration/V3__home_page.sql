-- home_page: the fields of 'home.HomePage' (spec §1.2) on top of its page row. body is rich text in
-- Wagtail's storage format ('' when empty). Home (id 3) gets its row here.
CREATE TABLE home_page (
    page_id integer PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
    body    text NOT NULL DEFAULT ''
);

INSERT INTO home_page (page_id) VALUES (3);
