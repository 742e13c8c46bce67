package chatroom.api.message;

/** A message that the server sends to a client. */
public sealed interface ServerMessage extends Message
        permits Welcome, LoggedIn, ErrorReply, ChatMessage, Announcement, PrivateMessage, Joined, Left, Renamed,
                Members, HistoryEnd, Bye, Pong, FileOffered, FileChunk, FileAck, FileDone, FileCancel, FileShared,
                RoomInfo, RoomList, TopicChanged, Presence, RoleChanged,
                SettingsChanged, BanChanged, BanList, Invited, RoomDeleted,
                ServerBanChanged, ConversationList, ReadMoved {
}
