package chatroom.api.spi;

import chatroom.api.message.LoggedIn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A client's session with a chat room, over some transport. Created unconnected by a {@link ChatServiceProvider};
 * {@link #login} connects. Events arrive at the {@link ChatListener} given to the provider.
 *
 * <p>Lifecycle: {@code login} (repeat after a refusal), then any of the requests, then {@link #logout} or
 * {@link #close}. Requests after the session ended are ignored. Requests are asynchronous: they return once the
 * request is on its way; errors come back as {@link chatroom.api.message.ErrorReply} events.
 *
 * <p>A transport may outlive a lost connection: it then reconnects and logs in again by itself, and what is said
 * meanwhile is sent afterwards or reported as not sent (see {@link ChatListener}); {@link ChatListener#onDisconnected}
 * comes only when the session is over for good.
 *
 * <p>Threading: all methods may be called from any thread; {@code login} blocks and must not be called on a UI
 * thread.
 */
public interface ChatService extends AutoCloseable {
    /**
     * Connects if needed and logs in. On refusal the connection stays open so the user can try again.
     *
     * @return the server's confirmation, with the name the user now has
     * @throws LoginException when the server refuses (wrong password, name taken, …)
     * @throws IOException    when the server cannot be reached or the connection fails
     */
    LoggedIn login(String name, char[] password) throws LoginException, IOException;

    /** Says something to everyone in the room. */
    void say(String text);

    /** Sends a private message to one person online. */
    void tell(String to, String text);

    /** Asks to change the display name; the answer is a rename notice or an error. */
    void rename(String newName);

    /** Asks who is online; the answer is a {@link chatroom.api.message.Members} event. */
    void who();

    /**
     * Asks for up to {@code limit} history entries older than {@code beforeId} ({@code 0}: the newest), answered by
     * history-marked events and a {@link chatroom.api.message.HistoryEnd}.
     */
    void history(long beforeId, int limit);

    /**
     * Starts sending a file to everyone in the room ({@code to} null) or to one person, and returns at once: the bytes
     * go on the service's own threads, read in pieces (never the whole file in memory) while chat goes on.
     * Progress and the outcome come to {@link ChatListener#onTransfer} under the returned id. Received files are
     * saved in the folder named by the {@code downloads} setting of the {@link ConnectOptions}.
     *
     * @param file a regular, readable file, no larger than the room allows
     * @param to   the recipient's display name, or {@code null} for the room
     * @return the transfer's id, for {@link #cancelTransfer} and to recognise its events
     * @throws IOException                   nothing was sent, and the message says why in words for people: no
     *                                       such file, not readable, larger than the room takes, not logged in
     * @throws UnsupportedOperationException when this transport cannot carry files (the default)
     */
    default String sendFile(Path file, String to) throws IOException {
        throw new UnsupportedOperationException("This transport cannot send files.");
    }

    /**
     * Sends a file to everyone in one of the user's rooms (rooms only; {@link #sendFile} with no recipient sends to
     * the room of a session without rooms). Otherwise as {@link #sendFile}.
     */
    default String sendFileToRoom(Path file, String room) throws IOException {
        throw noRooms();
    }

    /**
     * Stops a transfer in either direction; the outcome comes to {@link ChatListener#onTransfer} as
     * {@link FileTransfer.State#CANCELLED}, and nothing of the file is kept. Unknown or finished ids are ignored.
     */
    default void cancelTransfer(String id) {
    }

    /**
     * Whether this session has rooms: asked for with the {@link ConnectOptions#ROOMS} setting and spoken by the
     * transport and the server. Only then do the room methods below work; every message then names its room.
     */
    default boolean hasRooms() {
        return false;
    }

    /** Says something in one of the user's rooms. */
    default void sayIn(String room, String text) {
        throw noRooms();
    }

    /** Joins a room, making it when it does not exist and the server lets the user. */
    default void join(String room) {
        throw noRooms();
    }

    /** Leaves a room; {@code reason} may be {@code null}. */
    default void part(String room, String reason) {
        throw noRooms();
    }

    /** Asks for a page of the room list: names containing {@code filter} (or all), after {@code after} (or all). */
    default void listRooms(String filter, String after) {
        throw noRooms();
    }

    /** Sets a room's topic; empty text clears it. */
    default void setTopic(String room, String text) {
        throw noRooms();
    }

    /** Asks who is in a room, online or not. */
    default void whoIn(String room) {
        throw noRooms();
    }

    /**
     * Gives a member of a room a role: {@code operator}, {@code member} (taking operator away) or {@code owner}
     * (handing the room over).
     */
    default void setRole(String room, String name, String role) {
        throw noRooms();
    }

    /** Locks a room's topic to its owner and operators, or opens it to every member. */
    default void lockTopic(String room, boolean locked) {
        throw noRooms();
    }

    /** Makes a room invite-only, or open to anyone again. */
    default void setInviteOnly(String room, boolean inviteOnly) {
        throw noRooms();
    }

    /** Invites an account to a room. */
    default void invite(String room, String name) {
        throw noRooms();
    }

    /** Puts someone present out of a room; {@code reason} may be {@code null}. */
    default void kick(String room, String name, String reason) {
        throw noRooms();
    }

    /** Bans an account from a room, or lifts its ban. */
    default void ban(String room, String name, boolean banned) {
        throw noRooms();
    }

    /** Deletes a room with its history (its owner); {@code confirm} repeats its name. */
    default void deleteRoom(String room, String confirm) {
        throw noRooms();
    }

    /** Bans an account from the whole server, or lifts its ban (the server's operators only). */
    default void banFromServer(String name, boolean banned) {
        throw noRooms();
    }

    /** Asks who is banned from a room. */
    default void listBans(String room) {
        throw noRooms();
    }

    /** As {@link #history(long, int)}, in one room. */
    default void historyOf(String room, long beforeId, int limit) {
        throw noRooms();
    }

    /**
     * Asks for a page of the user's conversations, newest first (rooms only): those whose last message is older than
     * {@code before} (all when {@code null}), at most {@code limit}. A transport without them answers nothing.
     */
    default void listConversations(Long before, int limit) {
    }

    /**
     * Says how far the user has read a room ({@code room}) or a private conversation ({@code with}), up to and
     * including {@code id}, for the server to keep for the account (rooms only). A transport that keeps no read
     * markers (peers) ignores it.
     */
    default void markRead(String room, String with, long id) {
    }

    /**
     * Asks for a page of the user's private conversation with someone (rooms only): up to {@code limit} messages
     * with ids below {@code beforeId} (the newest when 0), answered by history-marked private messages and a
     * history end naming {@code with}.
     */
    default void privateHistory(String with, long beforeId, int limit) {
        throw noRooms();
    }

    private static UnsupportedOperationException noRooms() {
        return new UnsupportedOperationException("This session has no rooms.");
    }

    /** Leaves the room politely, waits briefly for the server to confirm, and closes. */
    void logout();

    /** Closes the connection without logging out. Idempotent. */
    @Override
    void close();
}
