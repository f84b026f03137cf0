-- The public page lists a server's report-now cases in decision order, a page at a time.
CREATE INDEX cases_public_order ON cases (guild_id, decision, decided_at, case_no);
