package chatroom.api.internal;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;

import java.util.Map;

/** Which record class each wire type name decodes to, per direction. */
public final class MessageTypes {
    public static final Map<String, Class<? extends ClientMessage>> CLIENT = Map.of(
            Hello.TYPE, Hello.class,
            Login.TYPE, Login.class,
            Say.TYPE, Say.class,
            Tell.TYPE, Tell.class,
            Nick.TYPE, Nick.class,
            Who.TYPE, Who.class,
            HistoryRequest.TYPE, HistoryRequest.class,
            Ping.TYPE, Ping.class,
            Logout.TYPE, Logout.class);

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
            Map.entry(Pong.TYPE, Pong.class));

    private MessageTypes() {
    }
}
