package chatroom.client;

/** Where the user's connection stands. */
public enum ConnectionState {
    /** Not logged in yet, or the connection ended for good. */
    OFFLINE,
    /** Logged in; what the user sends goes out at once. */
    ONLINE,
    /** The connection was lost and the transport is coming back; what the user sends waits for it. */
    RECONNECTING
}
