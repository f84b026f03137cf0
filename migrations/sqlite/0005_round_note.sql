-- A round note becomes typed facts (JSON of domain::case::RoundNote, tagged by "kind")
-- instead of an English sentence; the Discord layer words it. Notes written before are
-- mapped from the three sentences the bot wrote; anything else is cleared.
UPDATE cases SET round_note = CASE
    WHEN round_note = 'Re-opened: a member who had not reported it before reported this dismissed account.'
        THEN json_object('kind', 'new_reporter')
    WHEN round_note LIKE 'Hold review: the hold ended %. Vote again on how to handle this account.'
        THEN json_object('kind', 'hold_review', 'ended',
            CAST(ROUND((julianday(substr(round_note, 29, length(round_note) - 71)) - 2440587.5) * 86400000) AS INTEGER))
    WHEN round_note LIKE 'Re-opened: %'
        THEN json_object('kind', 'reopened', 'reason', substr(round_note, 12))
    END
WHERE round_note IS NOT NULL;
