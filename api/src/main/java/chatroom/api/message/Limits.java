package chatroom.api.message;

/**
 * The server's limits, announced in {@link Welcome} so that clients adapt instead of guessing.
 *
 * @param maxLineBytes      longest line the server reads, in UTF-8 bytes, without the newline
 * @param maxNameLength     longest user name, in characters
 * @param maxTextLength     longest chat text, in characters
 * @param historyOnJoin     how many history entries a client receives after logging in
 * @param historyPageMax    the largest {@code limit} a history request may ask for
 * @param messagesPerSecond sustained chat messages per second per connection before the server says slow down
 * @param burst             messages a connection may send at once before the rate applies
 * @param bytesPerSecond    sustained bytes per second per connection, every line counted, before the server says slow
 *                          down; absent when the server does not say
 * @param byteBurst         bytes a connection may send at once before that rate applies; absent when not said
 * @param maxFileSize       the largest file the server relays, in bytes; absent from servers that relay none
 * @param maxRoomsPerUser   rooms one user may be in at once (protocol 2; absent otherwise)
 * @param maxRoomNameLength longest room name, {@code #} included (protocol 2)
 * @param maxTopicLength    longest topic (protocol 2)
 * @param maxSessions       places one account may be logged in from at once; one more ends the oldest (protocol 2)
 */
public record Limits(int maxLineBytes, int maxNameLength, int maxTextLength, int historyOnJoin, int historyPageMax,
                     int messagesPerSecond, int burst, Integer bytesPerSecond, Integer byteBurst, Long maxFileSize,
                     Integer maxRoomsPerUser, Integer maxRoomNameLength, Integer maxTopicLength,
                     Integer maxSessions) {
    public Limits(int maxLineBytes, int maxNameLength, int maxTextLength, int historyOnJoin, int historyPageMax,
                  int messagesPerSecond, int burst, Integer bytesPerSecond, Integer byteBurst, Long maxFileSize) {
        this(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax, messagesPerSecond, burst,
                bytesPerSecond, byteBurst, maxFileSize, null, null, null, null);
    }

    /** These limits with the room and device limits a protocol-2 client is told. */
    public Limits withRooms(int roomsPerUser, int roomNameLength, int topicLength, int sessions) {
        return new Limits(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax,
                messagesPerSecond, burst, bytesPerSecond, byteBurst, maxFileSize, roomsPerUser, roomNameLength,
                topicLength, sessions);
    }

    public Limits(int maxLineBytes, int maxNameLength, int maxTextLength, int historyOnJoin, int historyPageMax,
                  int messagesPerSecond, int burst) {
        this(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax, messagesPerSecond, burst,
                null, null, null);
    }

    /** The limits of a server that announces no byte rate. */
    public Limits(int maxLineBytes, int maxNameLength, int maxTextLength, int historyOnJoin, int historyPageMax,
                  int messagesPerSecond, int burst, Long maxFileSize) {
        this(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax, messagesPerSecond, burst,
                null, null, maxFileSize);
    }

    /** The limits of a server that relays no files. */
    public Limits(int maxLineBytes, int maxNameLength, int maxTextLength, int historyOnJoin, int historyPageMax,
                  int messagesPerSecond, int burst, Integer bytesPerSecond, Integer byteBurst) {
        this(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax, messagesPerSecond, burst,
                bytesPerSecond, byteBurst, null);
    }
}
