package chatroom.api.message;

/** A message that a client sends to the server. */
public sealed interface ClientMessage extends Message
        permits Hello, Login, Say, Tell, Nick, Who, HistoryRequest, Ping, Logout, FileOffer, FileChunk, FileAck,
                FileDone, FileCancel, JoinRoom, PartRoom, ListRooms, SetTopic, SetRole,
                ChangeSettings, KickMember, BanMember, ListBans, InviteMember,
                DeleteRoom, ServerBan, PrivateHistory, MarkRead,
                ListConversations {
}
