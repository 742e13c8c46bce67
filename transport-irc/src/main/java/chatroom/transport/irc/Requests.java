package chatroom.transport.irc;

import chatroom.api.message.ClientMessage;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.ListRooms;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Say;
import chatroom.api.message.SetTopic;
import chatroom.api.message.Tell;
import chatroom.api.message.Who;

import java.util.ArrayList;
import java.util.List;
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
        for (String target : line.param(0).split(",")) {
            if (target.startsWith("#")) {
                state.target("say", target);
                out.add(new Say(text, null, target));
            } else if (!target.isEmpty()) {
                state.target("tell", target);
                out.add(new Tell(target, text));
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
        return List.of(new Who(room));
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
        String[] all = new String[params.length + 1];
        all[0] = state.nickOrStar();
        System.arraycopy(params, 0, all, 1, params.length);
        return IrcLine.of(IrcClient.SERVER, code, all);
    }
}
