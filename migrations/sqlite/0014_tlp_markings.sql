-- The TLP 2.0 marking definitions the reports' object_marking_refs name. New
-- collections start with them; a collection that already exists gets them after its
-- last entry (its head moves past them), so a client pulling incrementally receives them
-- on its next pull.
INSERT INTO collection_entries (guild_id, collection, date_added, object_type, object_id)
SELECT h.guild_id, h.collection, h.last_added + m.n, 'marking-definition', m.id
FROM collection_heads h
CROSS JOIN (
    SELECT 1 AS n, 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487' AS id
    UNION ALL SELECT 2, 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'
    UNION ALL SELECT 3, 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'
    UNION ALL SELECT 4, 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'
    UNION ALL SELECT 5, 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'
) m
ORDER BY h.guild_id, h.collection, m.n;
UPDATE collection_heads SET last_added = last_added + 5;
