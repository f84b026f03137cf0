-- "At most one send per interval" targets (the status board, the queue summary): the
-- earliest time the next send for a target may go out. The worker writes it when a send
-- ends, in the transaction that completes or retries the item, and claims only items whose
-- target is past it, so the interval holds from the moment a request was actually made,
-- however long pacing delayed it and whatever was queued while it was in flight.
CREATE TABLE outbox_pacing (
    item_key  TEXT PRIMARY KEY,
    next_at   BIGINT NOT NULL
);
