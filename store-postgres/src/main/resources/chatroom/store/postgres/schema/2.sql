-- Private conversations: every message between two accounts under an id counted in their conversation, and
-- whether its recipient has yet to get it (the offline queue).
CREATE TABLE private_messages (
    conversation TEXT NOT NULL,
    id BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    from_key TEXT NOT NULL,
    to_key TEXT NOT NULL,
    from_name TEXT NOT NULL,
    to_name TEXT NOT NULL,
    body TEXT NOT NULL,
    pending BOOLEAN NOT NULL,
    PRIMARY KEY (conversation, id)
);
CREATE INDEX private_pending ON private_messages (to_key, ts) WHERE pending;
CREATE INDEX private_by_ts ON private_messages (ts);
CREATE INDEX private_from ON private_messages (from_key);
CREATE INDEX private_to ON private_messages (to_key);
