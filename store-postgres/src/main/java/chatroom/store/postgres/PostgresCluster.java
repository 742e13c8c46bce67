package chatroom.store.postgres;

import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryRow;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.PrivateRow;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Several nodes on one PostgreSQL ({@link ClusterLink}). A batch numbers each of its rooms' entries after the room's
 * highest id, under a transaction-scoped advisory lock on the room, so that two nodes writing to one room take turns
 * and ids follow the order of commits without gaps; in the same transaction {@code pg_notify} tells every listening
 * node, and PostgreSQL delivers notices only once the transaction commits, in the order of commits. Each node
 * listens on a connection of its own, outside the pool, and when that connection is lost it connects again and
 * reports that notices may have been missed.
 */
final class PostgresCluster implements ClusterLink {
    static final String CHANNEL = "chat_history";
    static final String PEOPLE = "chat_people";
    static final String PRIVATE = "chat_private";
    static final String ROOMS = "chat_rooms";
    /** The most a notice carries, a little under PostgreSQL's 8,000 bytes. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    /** Room for a notice's head: a node's name, two ids and a room's key. */
    private static final int HEAD_BYTES = 64 + 2 * 20 + 3 + 4 * 64;
    private static final String PRIVATE_COLUMNS = "conversation, id, ts, from_key, to_key, from_name, to_name, body,"
            + " pending";
    /** How often a listening node tells the database it lives, and looks for nodes that stopped doing so. */
    static final long HEARTBEAT_NANOS = 2_000_000_000L;
    /** A node silent this long is taken for dead: noticed within this and a heartbeat, well inside 15 s. */
    static final long DEAD_AFTER_MILLIS = 10_000;
    /** The database's clock, in milliseconds: the nodes' own clocks may disagree. */
    private static final String NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
    /** How long a listen waits for notices before its heartbeat is looked at again. */
    private static final int POLL_MILLIS = 500;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2_000;

    private final Jdbc jdbc;
    private final String url;
    private final String password;
    private final String node;
    private volatile boolean closed;
    private volatile Thread listening;
    private volatile Connection listenConnection;

    PostgresCluster(Jdbc jdbc, String url, String password, String node) {
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("A node name is 1 to 64 letters, digits, '_', '-' and '.': " + node);
        }
        this.jdbc = jdbc;
        this.url = url;
        this.password = password;
        this.node = node;
    }

    /**
     * Makes the tables of who is where (unlogged: they describe the moment, and a database that crashed finds the
     * nodes saying it again) and claims the node's name, forgetting who was online under it before: a node that
     * crashed and came back has no one online yet, and the others are told so.
     */
    static PostgresCluster open(Jdbc jdbc, String url, String password, String node) throws SQLException {
        PostgresCluster cluster = new PostgresCluster(jdbc, url, password, node);
        jdbc.transaction(connection -> {
            // Nodes starting together would race to create the tables: one at a time.
            Jdbc.list(connection, "SELECT pg_advisory_xact_lock(hashtextextended('chat cluster tables', 0))",
                    row -> true);
            Jdbc.update(connection, "CREATE UNLOGGED TABLE IF NOT EXISTS cluster_nodes (node TEXT PRIMARY KEY,"
                    + " seen BIGINT NOT NULL)");
            Jdbc.update(connection, "CREATE TABLE IF NOT EXISTS cluster_counters (key TEXT PRIMARY KEY,"
                    + " last_id BIGINT NOT NULL, step BIGINT NOT NULL DEFAULT 0)");
            Jdbc.update(connection, "CREATE UNLOGGED TABLE IF NOT EXISTS cluster_people (node TEXT NOT NULL,"
                    + " member_key TEXT NOT NULL, name TEXT NOT NULL, guest BOOLEAN NOT NULL, since BIGINT NOT NULL,"
                    + " PRIMARY KEY (node, member_key))");
            Jdbc.update(connection, "INSERT INTO cluster_nodes (node, seen) VALUES (?, " + NOW + ") ON CONFLICT"
                    + " (node) DO UPDATE SET seen = EXCLUDED.seen", node);
            if (Jdbc.update(connection, "DELETE FROM cluster_people WHERE node = ?", node) > 0) {
                notify(connection, PEOPLE, "gone " + node + " restarted");
            }
            return null;
        });
        return cluster;
    }

    private static void notify(Connection connection, String channel, String payload) throws SQLException {
        Jdbc.list(connection, "SELECT pg_notify(?, ?)", row -> true, channel, payload);
    }

    @Override
    public void roomChanged(RoomChange change) throws SQLException {
        jdbc.autocommit(connection -> {
            notify(connection, ROOMS, roomPayload(change));
            return null;
        });
    }

    /** A room change as lines: kind, node, room, then its words, each with its backslashes and newlines escaped. */
    static String roomPayload(RoomChange change) {
        StringBuilder payload = new StringBuilder(change.kind()).append('\n').append(change.node()).append('\n')
                .append(change.room());
        for (String word : change.words()) {
            payload.append('\n').append(word.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return payload.toString();
    }

    /** A room change from its payload; null for one this code did not write. */
    static RoomChange roomChange(String payload) {
        String[] lines = payload.split("\n", -1);
        if (lines.length < 3) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 0; c < lines[i].length(); c++) {
                char at = lines[i].charAt(c);
                if (at == '\\' && c + 1 < lines[i].length()) {
                    word.append(lines[i].charAt(++c) == 'n' ? '\n' : lines[i].charAt(c));
                } else {
                    word.append(at);
                }
            }
            words.add(word.toString());
        }
        return new RoomChange(lines[1], lines[0], lines[2], words);
    }

    @Override
    public void online(Person person) throws SQLException {
        jdbc.transaction(connection -> {
            Jdbc.update(connection, "INSERT INTO cluster_people (node, member_key, name, guest, since) VALUES"
                    + " (?, ?, ?, ?, ?) ON CONFLICT (node, member_key) DO UPDATE SET name = EXCLUDED.name,"
                    + " guest = EXCLUDED.guest, since = EXCLUDED.since", node, person.memberKey(), person.name(),
                    person.guest(), person.since());
            notify(connection, PEOPLE, "on " + node + " " + person.since() + " " + (person.guest() ? 1 : 0) + " "
                    + person.memberKey() + " " + person.name());
            return null;
        });
    }

    @Override
    public void offline(String memberKey, String reason) throws SQLException {
        jdbc.transaction(connection -> {
            Jdbc.update(connection, "DELETE FROM cluster_people WHERE node = ? AND member_key = ?", node, memberKey);
            notify(connection, PEOPLE, "off " + node + " " + memberKey + " " + reason);
            return null;
        });
    }

    @Override
    public void onlineHere(List<Person> people) throws SQLException {
        jdbc.transaction(connection -> {
            Jdbc.update(connection, "INSERT INTO cluster_nodes (node, seen) VALUES (?, " + NOW + ") ON CONFLICT"
                    + " (node) DO UPDATE SET seen = EXCLUDED.seen", node);
            Jdbc.update(connection, "DELETE FROM cluster_people WHERE node = ?", node);
            for (Person person : people) {
                Jdbc.update(connection, "INSERT INTO cluster_people (node, member_key, name, guest, since) VALUES"
                        + " (?, ?, ?, ?, ?)", node, person.memberKey(), person.name(), person.guest(),
                        person.since());
            }
            notify(connection, PEOPLE, "here " + node);
            return null;
        });
    }

    @Override
    public List<MembershipStore.Membership> memberships(Collection<String> accountKeys) throws SQLException {
        if (accountKeys.isEmpty()) {
            return List.of();
        }
        // Account keys hold no spaces: one parameter carries them all, whatever their number.
        return jdbc.list("SELECT m.room_key, m.account_key, COALESCE(a.name, m.account_key), m.joined, m.operator"
                        + " FROM memberships m LEFT JOIN accounts a ON a.name_key = m.account_key"
                        + " WHERE m.account_key = ANY(string_to_array(?, ' '))",
                row -> new MembershipStore.Membership(row.getString(1), row.getString(2), row.getString(3),
                        row.getLong(4), row.getBoolean(5)), String.join(" ", accountKeys));
    }

    @Override
    public List<Person> onlineElsewhere() throws SQLException {
        return jdbc.list("SELECT p.node, p.member_key, p.name, p.guest, p.since FROM cluster_people p JOIN"
                        + " cluster_nodes n ON n.node = p.node WHERE p.node <> ? ORDER BY p.node, p.member_key",
                row -> new Person(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getLong(5)), node);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<ServerMessage> append(List<ServerMessage> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<HistoryRow> rows = entries.stream().map(HistoryRow::of).toList();
        // Rooms in one order for every node, so that two batches over the same rooms take their counters' locks in
        // the same order and cannot deadlock.
        Map<String, List<Integer>> byRoom = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRoom.computeIfAbsent(rows.get(i).roomKey(), any -> new ArrayList<>()).add(i);
        }
        int count = rows.size();
        Object[][] columns = new Object[8][];
        String[] roomKeys = new String[count];
        Long[] times = new Long[count];
        String[] kinds = new String[count];
        String[] senders = new String[count];
        String[] bodies = new String[count];
        String[] accounts = new String[count];
        String[] cids = new String[count];
        Integer[] positions = new Integer[count];
        String[] keys = byRoom.keySet().toArray(String[]::new);
        Long[] counts = new Long[keys.length];
        String[] told = new String[keys.length];
        for (int k = 0; k < keys.length; k++) {
            List<Integer> indexes = byRoom.get(keys[k]);
            counts[k] = (long) indexes.size();
            List<ServerMessage> carried = new ArrayList<>(indexes.size());
            for (int position = 0; position < indexes.size(); position++) {
                int i = indexes.get(position);
                HistoryRow row = rows.get(i);
                roomKeys[i] = row.roomKey();
                times[i] = row.ts();
                kinds[i] = row.kind();
                senders[i] = row.sender();
                bodies[i] = row.body();
                accounts[i] = row.senderAccount();
                cids[i] = row.cid();
                positions[i] = position + 1;
                carried.add(entries.get(i));
            }
            told[k] = carried(carried);
        }
        columns[0] = roomKeys;
        columns[1] = times;
        columns[2] = kinds;
        columns[3] = senders;
        columns[4] = bodies;
        columns[5] = accounts;
        columns[6] = cids;
        columns[7] = positions;
        Map<String, Long> lastIds = new HashMap<>();
        jdbc.autocommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
                String[] types = {"text", "bigint", "text", "text", "text", "text", "text", "integer"};
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                }
                statement.setArray(9, connection.createArrayOf("text", keys));
                statement.setArray(10, connection.createArrayOf("bigint", counts));
                statement.setArray(11, connection.createArrayOf("text", told));
                statement.setString(12, CHANNEL);
                statement.setString(13, node);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        lastIds.put(result.getString(1), result.getLong(2));
                    }
                }
            }
            return null;
        });
        List<ServerMessage> result = new ArrayList<>(entries.size());
        for (int i = 0; i < count; i++) {
            long first = lastIds.get(roomKeys[i]) - byRoom.get(roomKeys[i]).size() + 1;
            result.add(withId(entries.get(i), first + positions[i] - 1));
        }
        return result;
    }

    /**
     * A batch in one statement, so one round trip that commits by itself: each room's counter is taken (made from
     * its highest id the first time; its row lock makes another node's batch for the room wait until this one
     * commits), the entries inserted under their ids, and every node told, a notice per room whose head PostgreSQL
     * writes with the ids. The entries the notice carries (their ids follow from their places) were written before
     * the ids were known.
     */
    private static final String APPEND = "WITH batch AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[]) AS b(room_key, ts, kind, sender, body,"
            + " sender_account, cid, pos)),"
            + " rooms AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[]) AS r(key, n, carried)),"
            + " counted AS (INSERT INTO cluster_counters AS c (key, last_id, step) SELECT r.key, (SELECT"
            + " coalesce(max(h.room_id), 0) FROM history h WHERE h.room_key = r.key) + r.n, r.n FROM rooms r"
            + " ORDER BY r.key ON CONFLICT (key) DO UPDATE SET last_id = GREATEST(c.last_id, EXCLUDED.last_id"
            + " - EXCLUDED.step) + EXCLUDED.step, step = EXCLUDED.step RETURNING c.key, c.last_id),"
            + " inserted AS (INSERT INTO history (room_key, room_id, ts, kind, sender, body, sender_account, cid)"
            + " SELECT b.room_key, c.last_id - r.n + b.pos, b.ts, b.kind, b.sender, b.body, b.sender_account, b.cid"
            + " FROM batch b JOIN counted c ON c.key = b.room_key JOIN rooms r ON r.key = b.room_key RETURNING 1)"
            + " SELECT c.key, c.last_id, pg_notify(?, ? || ' ' || (c.last_id - r.n + 1) || ' ' || c.last_id || ' '"
            + " || c.key || r.carried), (SELECT count(*) FROM inserted) FROM counted c JOIN rooms r ON r.key = c.key";

    /**
     * What a notice carries after its head: the entries, a JSON line each, when they fit in a notice (PostgreSQL
     * takes 8,000 bytes), which spares every other node reading them back; else nothing.
     */
    static String carried(List<ServerMessage> entries) {
        StringBuilder lines = new StringBuilder();
        for (ServerMessage entry : entries) {
            lines.append('\n').append(MessageCodec.toJson(entry));
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES - HEAD_BYTES ? ""
                : lines.toString();
    }

    /** How a conversation's highest id is found when its counter is made: from its messages. */
    private static final String CONVERSATION_HIGHEST = "SELECT coalesce(max(id), 0) FROM private_messages"
            + " WHERE conversation = ?";

    /**
     * Takes {@code count} ids of a room or conversation, in one statement: the counter's row lock makes a second
     * node's statement wait for this transaction and then count on from what it took. A counter is made from the
     * highest id stored (also what it never falls below: a server alone writes ids without counters).
     *
     * @return the last id taken
     */
    private static long take(Connection connection, String key, long count, String highest) throws SQLException {
        return Jdbc.list(connection, "INSERT INTO cluster_counters AS c (key, last_id, step) SELECT ?, (" + highest
                        + ") + ?, ? ON CONFLICT (key) DO UPDATE SET last_id = GREATEST(c.last_id, EXCLUDED.last_id"
                        + " - EXCLUDED.step) + EXCLUDED.step, step = EXCLUDED.step RETURNING last_id",
                row -> row.getLong(1), key, key, count, count).getFirst();
    }

    @Override
    public List<PrivateRow> appendPrivate(List<PrivateRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> byConversation = new TreeMap<>();
        for (PrivateRow row : rows) {
            byConversation.computeIfAbsent(row.conversation(), any -> new long[2])[1]++;
        }
        return jdbc.transaction(connection -> {
            for (Map.Entry<String, long[]> conversation : byConversation.entrySet()) {
                // A conversation's key never starts with '#': its counter is not a room's.
                conversation.getValue()[0] = take(connection, conversation.getKey(), conversation.getValue()[1],
                        CONVERSATION_HIGHEST) - conversation.getValue()[1];
            }
            Map<String, Long> next = new HashMap<>();
            byConversation.forEach((key, counts) -> next.put(key, counts[0] + 1));
            List<PrivateRow> numbered = new ArrayList<>(rows.size());
            for (PrivateRow row : rows) {
                long id = next.merge(row.conversation(), 1L, Long::sum) - 1;
                PrivateRow withId = new PrivateRow(row.conversation(), id, row.ts(), row.fromKey(), row.toKey(),
                        row.from(), row.to(), row.text(), row.pending());
                Jdbc.update(connection, "INSERT INTO private_messages (" + PRIVATE_COLUMNS + ") VALUES (?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?)", withId.conversation(), withId.id(), withId.ts(), withId.fromKey(),
                        withId.toKey(), withId.from(), withId.to(), withId.text(), withId.pending());
                numbered.add(withId);
            }
            for (Map.Entry<String, long[]> conversation : byConversation.entrySet()) {
                long first = conversation.getValue()[0] + 1;
                long last = conversation.getValue()[0] + conversation.getValue()[1];
                notify(connection, PRIVATE, node + " " + first + " " + last + " " + conversation.getKey());
            }
            return numbered;
        });
    }

    @Override
    public List<PrivateRow> privateRows(String conversation, long firstId, long lastId) throws SQLException {
        return jdbc.list("SELECT " + PRIVATE_COLUMNS + " FROM private_messages WHERE conversation = ? AND id"
                        + " BETWEEN ? AND ? ORDER BY id",
                row -> new PrivateRow(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getBoolean(9)),
                conversation, firstId, lastId);
    }

    private static ServerMessage withId(ServerMessage entry, long id) {
        return switch (entry) {
            case ChatMessage m -> new ChatMessage(id, m.ts(), m.from(), m.text(), m.history(), m.cid(), m.room());
            case Announcement a -> new Announcement(id, a.ts(), a.text(), a.history(), a.room());
            case FileShared f -> new FileShared(id, f.ts(), f.from(), f.name(), f.size(), f.history(), f.room());
            default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
        };
    }

    @Override
    public List<ServerMessage> committed(String room, long firstId, long lastId) throws SQLException {
        return jdbc.list("SELECT room_id, ts, kind, sender, body, sender_account, cid FROM history WHERE"
                        + " room_key = ? AND room_id BETWEEN ? AND ? ORDER BY room_id",
                row -> withReceipt(new HistoryRow(null, row.getLong(1), row.getLong(2), row.getString(3),
                        row.getString(4), row.getString(5), null, null).entry(room), row.getString(6),
                        row.getString(7)), RoomNames.key(room), firstId, lastId);
    }

    /** A chat message with the receipt its sender's node stored, so every node knows the client id was used. */
    private static ServerMessage withReceipt(ServerMessage entry, String account, String cid) {
        return entry instanceof ChatMessage message && account != null && cid != null
                ? message.withCid(HistoryStore.receiptCid(account, cid)) : entry;
    }

    @Override
    public synchronized void listen(Listener listener) {
        if (listening != null) {
            throw new IllegalStateException("The link listens already.");
        }
        listening = Thread.ofPlatform().name("cluster-listen").daemon().start(() -> listenLoop(listener));
    }

    /** Listens until closed: after each (re)connection the listener hears that notices may have been missed. */
    private void listenLoop(Listener listener) {
        long wait = FIRST_RETRY_MILLIS;
        boolean down = false;
        while (!closed) {
            try (Connection connection = connect()) {
                listenConnection = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    statement.execute("LISTEN " + PEOPLE);
                    statement.execute("LISTEN " + PRIVATE);
                    statement.execute("LISTEN " + ROOMS);
                }
                listener.missed();
                down = false;
                wait = FIRST_RETRY_MILLIS;
                receive(connection, listener);
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (!down) {
                    down = true;
                    listener.down(e);
                }
            } finally {
                listenConnection = null;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(wait * 2, MAX_RETRY_MILLIS);
        }
    }

    private void receive(Connection connection, Listener listener) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long lastBeat = 0;
        long connected = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            if (lastBeat == 0 || now - lastBeat > HEARTBEAT_NANOS) {
                // Also how a dead connection is found: waiting for notices would not find it.
                // Back from an outage (or just started), a node gives the others a full dead period to write
                // their heartbeats again before it judges them: they may have lost the database too.
                heartbeat(connection, listener, now - connected > DEAD_AFTER_MILLIS * 1_000_000);
                lastBeat = now;
            }
            PGNotification[] notices = postgres.getNotifications(POLL_MILLIS);
            if (notices != null) {
                for (PGNotification notice : notices) {
                    if (notice.getName().equals(PEOPLE)) {
                        people(notice.getParameter(), listener);
                    } else if (notice.getName().equals(ROOMS)) {
                        RoomChange change = roomChange(notice.getParameter());
                        if (change != null && !change.node().equals(node)) {
                            listener.roomChanged(change);
                        }
                    } else if (notice.getName().equals(PRIVATE)) {
                        ClusterLink.Committed committed = parse(notice.getParameter());
                        if (committed != null && !committed.node().equals(node)) {
                            listener.privateCommitted(committed);
                        }
                    } else {
                        ClusterLink.Committed committed = parse(notice.getParameter());
                        if (committed != null && !committed.node().equals(node)) {
                            listener.committed(committed);
                        }
                    }
                }
            }
        }
    }

    /**
     * Tells the database this node lives, and (when {@code judge}) ends the nodes that stopped saying so: their
     * people are no longer online, and every node is told. A node found dead itself (it was away longer than that)
     * says again who is online here, through {@link Listener#missed}.
     */
    private void heartbeat(Connection connection, Listener listener, boolean judge) throws SQLException {
        boolean alive = Jdbc.update(connection, "UPDATE cluster_nodes SET seen = " + NOW + " WHERE node = ?",
                node) > 0;
        if (!alive) {
            Jdbc.update(connection, "INSERT INTO cluster_nodes (node, seen) VALUES (?, " + NOW + ") ON CONFLICT"
                    + " (node) DO UPDATE SET seen = EXCLUDED.seen", node);
            listener.missed();
        }
        if (!judge) {
            return;
        }
        Jdbc.list(connection, "WITH dead AS (DELETE FROM cluster_nodes WHERE seen < " + NOW + " - "
                + DEAD_AFTER_MILLIS + " AND node <> ? RETURNING node), gone AS (DELETE FROM cluster_people p USING"
                + " dead WHERE p.node = dead.node RETURNING p.node) SELECT pg_notify(?, 'gone ' || node || ' lost')"
                + " FROM dead", row -> true, node, PEOPLE);
    }

    /** A notice on who is where, from another node: {@code on}, {@code off}, {@code here} or {@code gone}. */
    private void people(String payload, Listener listener) {
        String[] parts = payload.split(" ", 2);
        if (parts.length < 2) {
            return;
        }
        String[] rest = parts[1].split(" ", 5);
        if (rest[0].equals(node)) {
            return;
        }
        try {
            switch (parts[0]) {
                case "on" -> {
                    if (rest.length == 5) {
                        listener.online(new Person(rest[0], rest[3], rest[4], rest[2].equals("1"),
                                Long.parseLong(rest[1])));
                    }
                }
                case "off" -> {
                    String[] off = parts[1].split(" ", 3);
                    if (off.length == 3) {
                        listener.offline(off[0], off[1], off[2]);
                    }
                }
                case "here" -> listener.recounted(rest[0]);
                case "gone" -> {
                    String[] gone = parts[1].split(" ", 2);
                    listener.nodeGone(gone[0], gone.length == 2 ? gone[1] : "lost");
                }
                default -> {
                    // Written by a newer node: nothing this one knows to do.
                }
            }
        } catch (NumberFormatException e) {
            // Not written by this code.
        }
    }

    /**
     * A notice's payload, {@code NODE FIRST LAST KEY} and perhaps the entries, one JSON line each; null for one this
     * code did not write.
     */
    static ClusterLink.Committed parse(String payload) {
        String[] lines = payload.split("\n");
        String[] parts = lines[0].split(" ", 4);
        if (parts.length != 4) {
            return null;
        }
        try {
            long first = Long.parseLong(parts[1]);
            long last = Long.parseLong(parts[2]);
            List<ServerMessage> entries = new ArrayList<>(lines.length - 1);
            for (int i = 1; i < lines.length; i++) {
                // Written before the ids were known: each has the id of its place.
                entries.add(withId(MessageCodec.decodeServer(lines[i]), first + i - 1));
            }
            return new ClusterLink.Committed(parts[0], parts[3], first, last,
                    entries.size() == last - first + 1 ? entries : List.of());
        } catch (NumberFormatException | ProtocolException e) {
            return null;
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "chatroom " + node + " listener");
        return DriverManager.getConnection(url, properties);
    }

    /** Package access for tests: the listening connection's backend, to cut it as a failing network would. */
    int listenerBackendPid() throws SQLException {
        Connection connection = listenConnection;
        if (connection == null) {
            throw new SQLException("not listening now");
        }
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    /**
     * Stops listening; the others are told at once that no one is online here any more (rather than when the
     * node's silence is noticed).
     */
    @Override
    public void close() {
        try {
            jdbc.transaction(connection -> {
                Jdbc.update(connection, "DELETE FROM cluster_people WHERE node = ?", node);
                Jdbc.update(connection, "DELETE FROM cluster_nodes WHERE node = ?", node);
                notify(connection, PEOPLE, "gone " + node + " stopped");
                return null;
            });
        } catch (SQLException e) {
            // The others find the node silent and end it themselves.
        }
        closed = true;
        Thread thread = listening;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
