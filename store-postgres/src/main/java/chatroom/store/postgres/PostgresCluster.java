package chatroom.store.postgres;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryRow;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
    /** How long a listen waits for notices before it checks the connection is still alive. */
    private static final int POLL_MILLIS = 1_000;
    private static final long ALIVE_CHECK_NANOS = 5_000_000_000L;
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
        // Rooms in one order for every node, so that two batches over the same rooms cannot deadlock.
        Map<String, long[]> byRoom = new TreeMap<>();
        for (HistoryRow row : rows) {
            byRoom.computeIfAbsent(row.roomKey(), any -> new long[2])[1]++;
        }
        List<HistoryRow> numbered = jdbc.transaction(connection -> {
            for (Map.Entry<String, long[]> room : byRoom.entrySet()) {
                Jdbc.list(connection, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", row -> true,
                        room.getKey());
                // A statement of its own, after the lock: its snapshot sees what the last holder committed.
                room.getValue()[0] = Jdbc.list(connection, "SELECT coalesce(max(room_id), 0) FROM history"
                        + " WHERE room_key = ?", row -> row.getLong(1), room.getKey()).getFirst();
            }
            Map<String, Long> next = new HashMap<>();
            byRoom.forEach((key, counts) -> next.put(key, counts[0] + 1));
            List<HistoryRow> withIds = new ArrayList<>(rows.size());
            for (HistoryRow row : rows) {
                long id = next.merge(row.roomKey(), 1L, Long::sum) - 1;
                withIds.add(new HistoryRow(row.roomKey(), id, row.ts(), row.kind(), row.sender(), row.body(),
                        row.senderAccount(), row.cid()));
            }
            PostgresHistory.insert(connection, withIds);
            for (Map.Entry<String, long[]> room : byRoom.entrySet()) {
                long first = room.getValue()[0] + 1;
                long last = room.getValue()[0] + room.getValue()[1];
                Jdbc.list(connection, "SELECT pg_notify(?, ?)", row -> true, CHANNEL,
                        node + " " + first + " " + last + " " + room.getKey());
            }
            return withIds;
        });
        List<ServerMessage> result = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            result.add(withId(entries.get(i), numbered.get(i).id()));
        }
        return result;
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
        return jdbc.list("SELECT room_id, ts, kind, sender, body FROM history WHERE room_key = ? AND room_id"
                        + " BETWEEN ? AND ? ORDER BY room_id",
                row -> new HistoryRow(null, row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), null, null).entry(room), RoomNames.key(room), firstId, lastId);
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
        long lastHeard = System.nanoTime();
        while (!closed) {
            PGNotification[] notices = postgres.getNotifications(POLL_MILLIS);
            long now = System.nanoTime();
            if (notices != null && notices.length > 0) {
                lastHeard = now;
                for (PGNotification notice : notices) {
                    ClusterLink.Committed committed = parse(notice.getParameter());
                    if (committed != null && !committed.node().equals(node)) {
                        listener.committed(committed);
                    }
                }
            } else if (now - lastHeard > ALIVE_CHECK_NANOS) {
                // A quiet connection may be a dead one: a query finds out, where waiting for notices would not.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeard = now;
            }
        }
    }

    /** A notice's payload, {@code NODE FIRST LAST ROOMKEY}; null for one this code did not write. */
    static ClusterLink.Committed parse(String payload) {
        String[] parts = payload.split(" ", 4);
        if (parts.length != 4) {
            return null;
        }
        try {
            return new ClusterLink.Committed(parts[0], parts[3], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
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

    @Override
    public void close() {
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
