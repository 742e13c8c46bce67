package chatroom.client;

/**
 * A room as the room list shows it.
 *
 * @param topic   the topic, or {@code null} for none
 * @param members how many are members, online or not
 * @param online  how many of them are online
 */
public record RoomSummary(String name, String topic, int members, int online) {
}
