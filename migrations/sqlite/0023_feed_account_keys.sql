-- A case's aliases reach agencies (the export and the TAXII feed serve a `user-account`
-- for every key of a case). A feed's user-account entry names the key it stands for,
-- since its object id is a hash of the key and a key can move to another case in a merge.
-- Entries written before this keep NULL: they stand for their case's own key.
ALTER TABLE collection_entries ADD COLUMN account_key TEXT;
