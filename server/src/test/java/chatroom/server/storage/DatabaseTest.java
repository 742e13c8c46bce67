package chatroom.server.storage;

import chatroom.api.message.ChatMessage;
import chatroom.server.StorageException;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.RoomStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema's versions: a new file gets the newest, an older one is upgraded in place, a newer one refused. */
class DatabaseTest {
    @TempDir
    Path dir;

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
    }

    private int version() throws SQLException {
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aNewFileHasTheNewestSchemaAndAnEmptyRegistryOfRooms() throws SQLException {
        Database database = Database.open(dir);

        assertEquals(Database.SCHEMA_VERSION, version());
        try (RoomStore rooms = new SqliteRoomStore(database)) {
            assertEquals(List.of(), rooms.all());
            assertTrue(rooms.create("#lobby", null, 5));
            assertFalse(rooms.create("#LOBBY", "alice", 6), "the same room, ignoring case");
            assertEquals(List.of(new RoomStore.Saved("#lobby", null, null, 5, false, false)), rooms.all());
            rooms.setTopicOpen("#Lobby", true);
            rooms.setOwner("#lobby", "alice");
            rooms.setInviteOnly("#lobby", true);
            assertEquals(List.of(new RoomStore.Saved("#lobby", null, "alice", 5, true, true)), rooms.all());
        }
    }

    @Test
    void aFileOfSchemaFourKeepsItsRoomsAndMembersWithLockedTopicsAndNoOperators() throws SQLException {
        try (Connection connection = raw(); Statement statement = connection.createStatement()) {
            // The rooms and memberships as schema 4 made them.
            statement.execute("CREATE TABLE accounts (name_key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                    + " password_hash TEXT NOT NULL, created INTEGER NOT NULL, welcomed INTEGER NOT NULL DEFAULT 0)");
            statement.execute("CREATE TABLE rooms (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, topic TEXT,"
                    + " owner_key TEXT, created INTEGER NOT NULL)");
            statement.execute("CREATE TABLE memberships (room_key TEXT NOT NULL, account_key TEXT NOT NULL,"
                    + " joined INTEGER NOT NULL, PRIMARY KEY (room_key, account_key))");
            statement.execute("INSERT INTO rooms VALUES ('#ops', '#Ops', 'Deploys', 'alice', 3)");
            statement.execute("INSERT INTO memberships VALUES ('#ops', 'alice', 4)");
            statement.execute("PRAGMA user_version=4");
        }

        Database database = Database.open(dir);

        assertEquals(Database.SCHEMA_VERSION, version());
        try (RoomStore rooms = new SqliteRoomStore(database);
             MembershipStore memberships = new SqliteMembershipStore(database)) {
            assertEquals(List.of(new RoomStore.Saved("#Ops", "Deploys", "alice", 3, false, false)), rooms.all());
            assertEquals(List.of(new MembershipStore.Membership("#ops", "alice", "alice", 4, false)),
                    memberships.all());
        }
    }

    @Test
    void aFileWrittenBeforeTheSchemaHadANumberIsUpgradedWithItsHistoryKept() throws SQLException {
        try (Connection connection = raw(); Statement statement = connection.createStatement()) {
            // The tables as the single-room server made them, one message in its history.
            statement.execute("CREATE TABLE accounts (name_key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                    + " password_hash TEXT NOT NULL, created INTEGER NOT NULL)");
            statement.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL,"
                    + " sender TEXT, body TEXT NOT NULL, sender_account TEXT, cid TEXT)");
            statement.execute("INSERT INTO history (id, ts, kind, sender, body) VALUES (7, 1000, 'message', 'bob',"
                    + " 'from before')");
        }

        Database database = Database.open(dir);

        assertEquals(Database.SCHEMA_VERSION, version());
        try (History history = new History(database); RoomStore rooms = new SqliteRoomStore(database)) {
            assertEquals(List.of(), rooms.all());
            assertEquals(List.of(), history.before("#lobby", Long.MAX_VALUE, 10), "in no room until adopted");
            assertEquals(1, history.adopt("#lobby"));
            assertEquals(0, history.adopt("#lobby"));
            assertEquals(List.of(new ChatMessage(7, 1000, "bob", "from before", true, null, "#lobby")),
                    history.before("#lobby", Long.MAX_VALUE, 10));
            assertEquals(7, history.lastId("#lobby"));
        }
    }

    @Test
    void aFileFromANewerVersionIsRefusedSayingSo() throws SQLException {
        Database.open(dir);
        try (Connection connection = raw(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version=" + (Database.SCHEMA_VERSION + 1));
        }

        StorageException refused = assertThrows(StorageException.class, () -> Database.open(dir));
        assertEquals("The database " + dir.resolve(Database.FILE_NAME) + " was written by a newer chatroom (schema "
                + (Database.SCHEMA_VERSION + 1) + "; this one knows up to " + Database.SCHEMA_VERSION
                + "). Run the newer version.", refused.getMessage());
    }
}
