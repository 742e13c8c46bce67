package chatroom.server.store.jdbc;

import chatroom.server.store.HistoryRow;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.StoreRows;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StoreRows} for a store whose tables have the columns of the rows, in their order: a row's components are
 * read and written by reflection, typed as the record declares them ({@code boolean} is 0 or 1 in SQLite, a
 * boolean in PostgreSQL; the drivers convert). Both stores keep the same tables, so they differ only in how they
 * connect and in the order of {@link #standardTables}' history.
 */
public final class JdbcRows implements StoreRows {
    /** Opens a connection, which the caller closes. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** Where rows of one kind live: the table, its columns in the order of the row's components, its order. */
    public record Table(String name, List<String> columns, String orderBy) {
    }

    private final Connector connector;
    private final Map<Class<? extends Record>, Table> tables;

    public JdbcRows(Connector connector, Map<Class<? extends Record>, Table> tables) {
        this.connector = connector;
        this.tables = Map.copyOf(tables);
    }

    /**
     * The tables both stores keep, in {@link StoreRows#KINDS}' order; keys sorted by {@code keyOrder} (a collation,
     * or empty), history in {@code historyOrder} (the column that counts the order of writing).
     */
    public static Map<Class<? extends Record>, Table> standardTables(String keyOrder, String historyOrder) {
        String key = keyOrder.isEmpty() ? "" : " " + keyOrder;
        Map<Class<? extends Record>, Table> tables = new LinkedHashMap<>();
        tables.put(AccountRow.class, new Table("accounts",
                List.of("name_key", "name", "password_hash", "created", "welcomed"), "name_key" + key));
        tables.put(RoomRow.class, new Table("rooms",
                List.of("name_key", "name", "topic", "owner_key", "created", "topic_open", "invite_only"),
                "name_key" + key));
        tables.put(MembershipRow.class, new Table("memberships",
                List.of("room_key", "account_key", "joined", "operator"), "room_key" + key + ", account_key" + key));
        tables.put(RoomBanRow.class, new Table("room_bans", List.of("room_key", "account_key", "by_key", "since"),
                "room_key" + key + ", account_key" + key));
        tables.put(InviteRow.class, new Table("room_invites", List.of("room_key", "account_key", "by_key", "expires"),
                "room_key" + key + ", account_key" + key));
        tables.put(ServerBanRow.class, new Table("server_bans", List.of("account_key", "since"),
                "account_key" + key));
        tables.put(TokenRow.class, new Table("resume_tokens",
                List.of("token_hash", "account_key", "account", "guest", "expires"), "token_hash" + key));
        tables.put(ReadMarkerRow.class, new Table("read_markers", List.of("account_key", "conversation", "read_up_to"),
                "account_key" + key + ", conversation" + key));
        tables.put(PrivateRow.class, new Table("private_messages", List.of("conversation", "id", "ts", "from_key",
                "to_key", "from_name", "to_name", "body", "pending"), "conversation" + key + ", id"));
        tables.put(HistoryRow.class, new Table("history",
                List.of("room_key", "room_id", "ts", "kind", "sender", "body", "sender_account", "cid"),
                historyOrder));
        return tables;
    }

    @Override
    public long count(Class<? extends Record> kind) throws SQLException {
        try (Connection connection = connector.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table(kind).name())) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public <R extends Record> void read(Class<R> kind, int batchSize, Batches<R> batches) throws SQLException {
        Table table = table(kind);
        RecordComponent[] components = kind.getRecordComponents();
        Constructor<R> constructor = constructor(kind, components);
        try (Connection connection = connector.connect()) {
            // In a transaction, so that PostgreSQL streams the rows (a fetch size works only there).
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("SELECT " + String.join(", ", table.columns())
                    + " FROM " + table.name() + " ORDER BY " + table.orderBy())) {
                query.setFetchSize(batchSize);
                try (ResultSet rows = query.executeQuery()) {
                    List<R> batch = new ArrayList<>(batchSize);
                    while (rows.next()) {
                        batch.add(row(constructor, components, rows));
                        if (batch.size() == batchSize) {
                            batches.accept(batch);
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.accept(batch);
                    }
                }
                connection.rollback();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    @Override
    public Writer writer() throws SQLException {
        Connection connection = connector.connect();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new TableWriter(connection);
    }

    /** One connection in one transaction, an insert statement per kind of row. */
    private final class TableWriter implements Writer {
        private final Connection connection;
        private final Map<Class<? extends Record>, PreparedStatement> inserts = new LinkedHashMap<>();
        private boolean committed;

        TableWriter(Connection connection) {
            this.connection = connection;
        }

        @Override
        public <R extends Record> void write(Class<R> kind, List<R> rows) throws SQLException {
            RecordComponent[] components = kind.getRecordComponents();
            PreparedStatement insert = inserts.get(kind);
            if (insert == null) {
                Table table = table(kind);
                insert = connection.prepareStatement("INSERT INTO " + table.name() + " ("
                        + String.join(", ", table.columns()) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(components.length, "?")) + ")");
                inserts.put(kind, insert);
            }
            for (R row : rows) {
                for (int i = 0; i < components.length; i++) {
                    insert.setObject(i + 1, value(components[i], row));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }

        @Override
        public void deleteAll() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                for (Class<? extends Record> kind : KINDS.reversed()) {
                    statement.executeUpdate("DELETE FROM " + table(kind).name());
                }
            }
        }

        @Override
        public void commit() throws SQLException {
            connection.commit();
            committed = true;
        }

        @Override
        public void close() throws SQLException {
            try {
                for (PreparedStatement insert : inserts.values()) {
                    insert.close();
                }
                if (!committed) {
                    connection.rollback();
                }
            } finally {
                connection.close();
            }
        }
    }

    /**
     * Rolls back after {@code cause}; a rollback that fails too (the connection is gone, most likely) is added to
     * the cause rather than hiding it.
     */
    public static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private Table table(Class<? extends Record> kind) {
        Table table = tables.get(kind);
        if (table == null) {
            throw new IllegalArgumentException("Not a kind of row this store keeps: " + kind.getName());
        }
        return table;
    }

    private static <R extends Record> Constructor<R> constructor(Class<R> kind, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return kind.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record has its canonical constructor: " + kind.getName(), e);
        }
    }

    private static <R extends Record> R row(Constructor<R> constructor, RecordComponent[] components, ResultSet rows)
            throws SQLException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            values[i] = type == long.class ? rows.getLong(i + 1)
                    : type == boolean.class ? rows.getBoolean(i + 1)
                    : rows.getString(i + 1);
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
        }
    }

    private static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }
}
