package chatroom.api.internal;

import chatroom.api.message.Announcement;
import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.InviteMember;
import chatroom.api.message.Invited;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Joined;
import chatroom.api.message.KickMember;
import chatroom.api.message.Left;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.Say;
import chatroom.api.message.ServerBan;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.Tell;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;

import java.util.Map;

/** Which record class each wire type name decodes to, per direction. */
public final class MessageTypes {
    public static final Map<String, Class<? extends ClientMessage>> CLIENT = Map.ofEntries(
            Map.entry(Hello.TYPE, Hello.class),
            Map.entry(Login.TYPE, Login.class),
            Map.entry(Say.TYPE, Say.class),
            Map.entry(Tell.TYPE, Tell.class),
            Map.entry(Nick.TYPE, Nick.class),
            Map.entry(Who.TYPE, Who.class),
            Map.entry(HistoryRequest.TYPE, HistoryRequest.class),
            Map.entry(PrivateHistory.TYPE, PrivateHistory.class),
            Map.entry(MarkRead.TYPE, MarkRead.class),
            Map.entry(Ping.TYPE, Ping.class),
            Map.entry(Logout.TYPE, Logout.class),
            Map.entry(FileOffer.TYPE, FileOffer.class),
            Map.entry(FileChunk.TYPE, FileChunk.class),
            Map.entry(FileAck.TYPE, FileAck.class),
            Map.entry(FileDone.TYPE, FileDone.class),
            Map.entry(FileCancel.TYPE, FileCancel.class),
            Map.entry(JoinRoom.TYPE, JoinRoom.class),
            Map.entry(PartRoom.TYPE, PartRoom.class),
            Map.entry(ListRooms.TYPE, ListRooms.class),
            Map.entry(SetTopic.TYPE, SetTopic.class),
            Map.entry(SetRole.TYPE, SetRole.class),
            Map.entry(ChangeSettings.TYPE, ChangeSettings.class),
            Map.entry(KickMember.TYPE, KickMember.class),
            Map.entry(BanMember.TYPE, BanMember.class),
            Map.entry(ListBans.TYPE, ListBans.class),
            Map.entry(InviteMember.TYPE, InviteMember.class),
            Map.entry(DeleteRoom.TYPE, DeleteRoom.class),
            Map.entry(ServerBan.TYPE, ServerBan.class));

    public static final Map<String, Class<? extends ServerMessage>> SERVER = Map.ofEntries(
            Map.entry(Welcome.TYPE, Welcome.class),
            Map.entry(LoggedIn.TYPE, LoggedIn.class),
            Map.entry(ErrorReply.TYPE, ErrorReply.class),
            Map.entry(ChatMessage.TYPE, ChatMessage.class),
            Map.entry(Announcement.TYPE, Announcement.class),
            Map.entry(PrivateMessage.TYPE, PrivateMessage.class),
            Map.entry(Joined.TYPE, Joined.class),
            Map.entry(Left.TYPE, Left.class),
            Map.entry(Renamed.TYPE, Renamed.class),
            Map.entry(Members.TYPE, Members.class),
            Map.entry(HistoryEnd.TYPE, HistoryEnd.class),
            Map.entry(Bye.TYPE, Bye.class),
            Map.entry(Pong.TYPE, Pong.class),
            Map.entry(FileOffered.TYPE, FileOffered.class),
            Map.entry(FileChunk.TYPE, FileChunk.class),
            Map.entry(FileAck.TYPE, FileAck.class),
            Map.entry(FileDone.TYPE, FileDone.class),
            Map.entry(FileCancel.TYPE, FileCancel.class),
            Map.entry(FileShared.TYPE, FileShared.class),
            Map.entry(RoomInfo.TYPE, RoomInfo.class),
            Map.entry(RoomList.TYPE, RoomList.class),
            Map.entry(TopicChanged.TYPE, TopicChanged.class),
            Map.entry(Presence.TYPE, Presence.class),
            Map.entry(RoleChanged.TYPE, RoleChanged.class),
            Map.entry(SettingsChanged.TYPE, SettingsChanged.class),
            Map.entry(BanChanged.TYPE, BanChanged.class),
            Map.entry(BanList.TYPE, BanList.class),
            Map.entry(Invited.TYPE, Invited.class),
            Map.entry(RoomDeleted.TYPE, RoomDeleted.class),
            Map.entry(ServerBanChanged.TYPE, ServerBanChanged.class));

    private MessageTypes() {
    }
}
