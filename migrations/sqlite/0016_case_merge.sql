-- `/case merge` (issue 11): a case found to be another case's account is merged into it.
-- Its reports, observations, notes and keys (`case_keys`) moved to the case named here,
-- so its keys resolve there; the merged row stays, with its number and audit history,
-- as a redirect.
ALTER TABLE cases ADD COLUMN merged_into BIGINT REFERENCES cases (id);
