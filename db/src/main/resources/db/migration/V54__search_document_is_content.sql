-- The backend keeps search answers until the content version changes (backend package responsecache). A rebuild
-- of the search index can change what searches answer without any change to the tracked tables (a repair, a bulk
-- load with the triggers off, new search functions from a migration), so search_document counts as content too:
-- its changes bump the version once per transaction like the other tracked tables' (V40). A publish, which changes
-- it along with the page, still bumps the version once.
SELECT ov_track_content('search_document');
