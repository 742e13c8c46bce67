-- How far each account has read each of its conversations: a room by its key (starting with '#'), a private
-- conversation by its key ('alice/bob'), and the highest id read there.
CREATE TABLE read_markers (
    account_key TEXT NOT NULL,
    conversation TEXT NOT NULL,
    read_up_to BIGINT NOT NULL,
    PRIMARY KEY (account_key, conversation)
);
CREATE INDEX read_markers_by_conversation ON read_markers (conversation);
