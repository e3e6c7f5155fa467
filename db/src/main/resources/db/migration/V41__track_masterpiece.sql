-- The Masterpiece tables (V32) are content too: their changes advance content_version (V40).
SELECT ov_track_content(t::regclass) FROM unnest(ARRAY['masterpiece_season', 'masterpiece_miniseries']) AS t;
