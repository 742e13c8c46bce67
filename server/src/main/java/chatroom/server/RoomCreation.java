package chatroom.server;

/** Who may create a room by joining one that does not exist. */
public enum RoomCreation {
    /** Anyone logged in, guests included. */
    OPEN,
    /** People with an account; guests may only join rooms that exist. */
    ACCOUNTS,
    /** The server's operators only ({@code --admin}); everyone else joins rooms that exist. */
    OPERATORS
}
