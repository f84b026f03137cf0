-- A round note becomes typed facts (JSON of domain::case::RoundNote, tagged by "kind")
-- instead of an English sentence; the Discord layer words it. Notes written before are
-- mapped from the three sentences the bot wrote; anything else is cleared.
UPDATE cases SET round_note = CASE
    WHEN round_note = 'Re-opened: a member who had not reported it before reported this dismissed account.'
        THEN json_build_object('kind', 'new_reporter')::text
    WHEN round_note LIKE 'Hold review: the hold ended %. Vote again on how to handle this account.'
        THEN json_build_object('kind', 'hold_review', 'ended',
            ROUND(EXTRACT(EPOCH FROM CAST(substr(round_note, 29, length(round_note) - 71) AS timestamptz)) * 1000)::bigint)::text
    WHEN round_note LIKE 'Re-opened: %'
        THEN json_build_object('kind', 'reopened', 'reason', substr(round_note, 12))::text
    END
WHERE round_note IS NOT NULL;
