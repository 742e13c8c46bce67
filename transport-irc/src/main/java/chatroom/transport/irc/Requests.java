package chatroom.transport.irc;

import chatroom.api.message.BanMember;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.InviteMember;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.KickMember;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListRooms;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Say;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.message.Tell;
import chatroom.api.message.Who;
import chatroom.api.rules.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registered IRC client's commands as protocol-2 requests; what IRC answers without the server (MOTD, a channel's
 * topic as known, refusals of malformed commands) is answered here.
 */
final class Requests {
    /** The room list is asked for in pages this long; an IRC LIST shows every room. */
    static final int LIST_PAGE = 200;

    private final IrcState state;
    private final Consumer<List<String>> irc;

    Requests(IrcState state, Consumer<List<String>> irc) {
        this.state = state;
        this.irc = irc;
    }

    List<ClientMessage> handle(IrcLine line) {
        return switch (line.command()) {
            case "NICK" -> List.of(new Nick(line.param(0)));
            case "JOIN" -> join(line);
            case "PART" -> part(line);
            case "PRIVMSG", "NOTICE" -> message(line);
            case "TOPIC" -> topic(line);
            case "NAMES" -> listing(line, IrcState.Listing.NAMES);
            case "WHO" -> listing(line, IrcState.Listing.WHO);
            case "LIST" -> {
                irc.accept(List.of(numeric("321", "Channel", "Users  Name")));
                yield List.of(new ListRooms(line.param(0) == null ? null : line.param(0).split(",")[0], null,
                        LIST_PAGE));
            }
            case "MOTD" -> {
                irc.accept(motd());
                yield List.of();
            }
            case "MODE" -> mode(line);
            case "CHATHISTORY" -> chathistory(line);
            case "KICK" -> {
                if (line.params().size() < 2) {
                    yield needMore("KICK");
                }
                state.target("kick", line.param(1));
                yield List.of(new KickMember(line.param(0), line.param(1), line.param(2)));
            }
            case "INVITE" -> {
                if (line.params().size() < 2) {
                    yield needMore("INVITE");
                }
                state.target("invite", line.param(0));
                yield List.of(new InviteMember(line.param(1), line.param(0)));
            }
            case "WHOIS" -> {
                irc.accept(whois(line.param(line.params().size() > 1 ? 1 : 0)));
                yield List.of();
            }
            case "AWAY" -> {
                state.away(line.param(0));
                irc.accept(List.of(state.away() == null ? numeric("305", "You are no longer marked as being away")
                        : numeric("306", "You have been marked as being away")));
                yield List.of();
            }
            default -> {
                irc.accept(List.of(numeric("421", line.command(), "Unknown command")));
                yield List.of();
            }
        };
    }

    private List<ClientMessage> join(IrcLine line) {
        if (line.param(0) == null) {
            return needMore("JOIN");
        }
        if (line.param(0).equals("0")) {
            List<ClientMessage> parts = new ArrayList<>();
            state.channels().forEach(room -> parts.add(new PartRoom(room, null)));
            return parts;
        }
        List<ClientMessage> joins = new ArrayList<>();
        for (String room : line.param(0).split(",")) {
            if (!room.isEmpty()) {
                state.target("join", room);
                state.replayExpected(room);
                joins.add(new JoinRoom(room));
            }
        }
        return joins;
    }

    private List<ClientMessage> part(IrcLine line) {
        if (line.param(0) == null) {
            return needMore("PART");
        }
        List<ClientMessage> parts = new ArrayList<>();
        for (String room : line.param(0).split(",")) {
            if (!state.inChannel(room)) {
                irc.accept(List.of(numeric("442", room, "You're not on that channel")));
            } else {
                state.target("part", room);
                parts.add(new PartRoom(room, line.param(1)));
            }
        }
        return parts;
    }

    /** PRIVMSG and NOTICE: to channels (a room) and nicks (a private message), each line of the text one message. */
    private List<ClientMessage> message(IrcLine line) {
        if (line.param(0) == null) {
            irc.accept(List.of(numeric("411", "No recipient given (" + line.command() + ")")));
            return List.of();
        }
        String text = line.param(1);
        if (text == null || text.isEmpty()) {
            irc.accept(List.of(numeric("412", "No text to send")));
            return List.of();
        }
        // A CTCP ACTION (/me) is said as the text itself; other CTCP requests are not for other people.
        if (text.startsWith("\u0001")) {
            if (!text.startsWith("\u0001ACTION ")) {
                return List.of();
            }
            text = "* " + state.nick() + " " + text.substring(8).replace("\u0001", "");
        }
        List<ClientMessage> out = new ArrayList<>();
        // A labeled message's echo carries its label: the client message id brings it back. It is unique, as the
        // server takes a repeated one for a message sent again after a lost connection.
        boolean labeled = state.label() != null && state.has(Replies.ECHO);
        for (String target : line.param(0).split(",")) {
            String cid = labeled ? Replies.LABEL_CID + state.uniqueId() + "/" + state.label() : null;
            if (target.startsWith("#")) {
                state.target("say", target);
                out.add(new Say(text, cid, target));
            } else if (!target.isEmpty()) {
                state.target("tell", target);
                out.add(new Tell(target, text, cid));
            }
        }
        return out;
    }

    private List<ClientMessage> topic(IrcLine line) {
        String room = line.param(0);
        if (room == null) {
            return needMore("TOPIC");
        }
        if (line.params().size() < 2) {
            if (!state.inChannel(room)) {
                irc.accept(List.of(numeric("442", room, "You're not on that channel")));
            } else {
                irc.accept(List.of(topicLine(state, room)));
            }
            return List.of();
        }
        state.target("topic", room);
        return List.of(new SetTopic(room, line.param(1)));
    }

    /** RPL_TOPIC with the topic as known, or RPL_NOTOPIC. */
    static String topicLine(IrcState state, String room) {
        String topic = state.topic(room);
        return topic == null ? IrcLine.of(IrcClient.SERVER, "331", state.nickOrStar(), room, "No topic is set")
                : IrcLine.of(IrcClient.SERVER, "332", state.nickOrStar(), room, topic);
    }

    private List<ClientMessage> listing(IrcLine line, IrcState.Listing listing) {
        String room = line.param(0);
        if (room == null || !room.startsWith("#")) {
            String end = listing == IrcState.Listing.NAMES ? "366" : "315";
            irc.accept(List.of(numeric(end, room == null ? "*" : room, "End of /" + listing + " list")));
            return List.of();
        }
        room = room.split(",")[0];
        state.listingAsked(room, listing);
        return List.of(new Who(room, true));
    }

    /**
     * MODE: a user's own modes (there are none to set), a channel's modes, its ban list, or changes: {@code o} and
     * {@code q} give roles, {@code b} bans, {@code t} and {@code i} are the room's settings.
     */
    private List<ClientMessage> mode(IrcLine line) {
        String target = line.param(0);
        if (target == null) {
            return needMore("MODE");
        }
        if (!target.startsWith("#")) {
            irc.accept(List.of(numeric("221", "+")));
            return List.of();
        }
        String changes = line.param(1);
        if (changes == null) {
            irc.accept(List.of(numeric("324", target, state.modes(target))));
            return List.of();
        }
        if ((changes.equals("b") || changes.equals("+b")) && line.params().size() == 2) {
            return List.of(new ListBans(target));
        }
        List<ClientMessage> out = new ArrayList<>();
        Boolean topicLocked = null;
        Boolean inviteOnly = null;
        boolean adding = true;
        int argument = 2;
        for (char mode : changes.toCharArray()) {
            switch (mode) {
                case '+' -> adding = true;
                case '-' -> adding = false;
                case 't' -> topicLocked = adding;
                case 'i' -> inviteOnly = adding;
                case 'o', 'q', 'b' -> {
                    String who = line.param(argument++);
                    if (who == null) {
                        return needMore("MODE");
                    }
                    String nick = who.contains("!") ? who.substring(0, who.indexOf('!')) : who;
                    state.target(mode == 'b' ? "ban" : "role", nick);
                    out.add(mode == 'b' ? new BanMember(target, nick, adding)
                            : new SetRole(target, nick, !adding ? Roles.MEMBER
                                    : mode == 'q' ? Roles.OWNER : Roles.OPERATOR));
                }
                default -> irc.accept(List.of(numeric("472", String.valueOf(mode), "is unknown mode char to me")));
            }
        }
        if (topicLocked != null || inviteOnly != null) {
            state.target("settings", target);
            out.add(new ChangeSettings(target, topicLocked, inviteOnly));
        }
        return out;
    }

    /**
     * CHATHISTORY: a page of a room's or a private conversation's history, asked of the server once the room's
     * replay (after a join) has ended, so that the two are told apart.
     */
    private List<ClientMessage> chathistory(IrcLine line) {
        StringBuilder refusal = new StringBuilder();
        int pageMax = state.limits() == null ? 100 : state.limits().historyPageMax();
        Optional<ChatHistory> history = ChatHistory.parse(line, pageMax, refusal);
        if (history.isEmpty()) {
            irc.accept(List.of(IrcLine.of(IrcClient.SERVER, "FAIL", "CHATHISTORY", "INVALID_PARAMS",
                    line.param(0) == null ? "*" : line.param(0), refusal.toString())));
            return List.of();
        }
        ChatHistory asked = history.get().labeled(state.label());
        state.historyAsked(asked);
        if (asked.target().startsWith("#") && state.replaying(asked.target())) {
            state.holdRequest(asked.target(), asked.request());
            return List.of();
        }
        return List.of(asked.request());
    }

    /** WHOIS from what the connection has seen: someone in one of the user's channels, or nobody known. */
    private List<String> whois(String nick) {
        if (nick == null) {
            return List.of(numeric("431", "No nickname given"));
        }
        List<String> channels = state.channelsOf(nick);
        if (channels.isEmpty() && !nick.equals(state.nick())) {
            return List.of(numeric("401", nick, "No such nick/channel"), numeric("318", nick,
                    "End of /WHOIS list"));
        }
        List<String> out = new ArrayList<>();
        out.add(numeric("311", nick, nick, Replies.HOST, "*", nick));
        if (!channels.isEmpty()) {
            out.add(numeric("319", nick, String.join(" ", channels)));
        }
        out.add(numeric("312", nick, IrcClient.SERVER, "a chatroom server"));
        out.add(numeric("318", nick, "End of /WHOIS list"));
        return out;
    }

    List<String> motd() {
        return List.of(numeric("375", "- " + IrcClient.SERVER + " Message of the day -"),
                numeric("372", "- Rooms are channels; your nick is your account (or guest) name."),
                numeric("372", "- Messages are kept: join a channel to see its latest ones."),
                numeric("376", "End of /MOTD command."));
    }

    private List<ClientMessage> needMore(String command) {
        irc.accept(List.of(numeric("461", command, "Not enough parameters")));
        return List.of();
    }

    private String numeric(String code, String... params) {
        return IrcLine.numeric(state.nickOrStar(), code, params);
    }
}
