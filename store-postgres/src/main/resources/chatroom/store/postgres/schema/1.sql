-- Schema 1: everything a single server kept in SQLite's schema 8, in PostgreSQL's types. Names and room names are
-- stored as written and looked up by their key (NFKC, lower case), which the server computes; every ORDER BY on a
-- key uses the "C" collation, so that PostgreSQL sorts as SQLite does whatever the database's locale.

CREATE TABLE accounts (
    name_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created BIGINT NOT NULL,
    -- Put in the default room once, at the first start after the account was made.
    welcomed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX accounts_unwelcomed ON accounts (name_key) WHERE NOT welcomed;

CREATE TABLE rooms (
    name_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    topic TEXT,
    owner_key TEXT,
    created BIGINT NOT NULL,
    topic_open BOOLEAN NOT NULL DEFAULT FALSE,
    invite_only BOOLEAN NOT NULL DEFAULT FALSE
);

-- Each entry under its room's key and its id in that room; seq is the order of writing, for the receipts.
CREATE TABLE history (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_key TEXT,
    room_id BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    kind TEXT NOT NULL,
    sender TEXT,
    body TEXT NOT NULL,
    sender_account TEXT,
    cid TEXT,
    UNIQUE (room_key, room_id)
);
CREATE INDEX history_receipts ON history (seq) WHERE cid IS NOT NULL;

CREATE TABLE memberships (
    room_key TEXT NOT NULL,
    account_key TEXT NOT NULL,
    joined BIGINT NOT NULL,
    operator BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (room_key, account_key)
);
CREATE INDEX memberships_by_account ON memberships (account_key);

CREATE TABLE room_bans (
    room_key TEXT NOT NULL,
    account_key TEXT NOT NULL,
    by_key TEXT,
    since BIGINT NOT NULL,
    PRIMARY KEY (room_key, account_key)
);

CREATE TABLE room_invites (
    room_key TEXT NOT NULL,
    account_key TEXT NOT NULL,
    by_key TEXT,
    expires BIGINT NOT NULL,
    PRIMARY KEY (room_key, account_key)
);

CREATE TABLE server_bans (
    account_key TEXT PRIMARY KEY,
    since BIGINT NOT NULL
);

-- Only the SHA-256 of each token: a copy of the database logs no one in.
CREATE TABLE resume_tokens (
    token_hash TEXT PRIMARY KEY,
    account_key TEXT NOT NULL,
    account TEXT NOT NULL,
    guest BOOLEAN NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX resume_tokens_expiry ON resume_tokens (expires);
