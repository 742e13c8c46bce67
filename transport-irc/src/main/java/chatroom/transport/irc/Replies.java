package chatroom.transport.irc;

import chatroom.api.codec.Frame;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.rules.Roles;
import chatroom.api.rules.RoomNames;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the server sends an IRC client, said in IRC: messages as PRIVMSG, arrivals and departures as JOIN and PART,
 * member lists as NAMES or WHO replies, refusals as the standard numerics. Returns the requests that must follow
 * (a channel's names after joining it).
 */
final class Replies {
    /** Users' hosts are not shown to other users: every one is here. */
    static final String HOST = "chatroom";
    static final String ECHO = "echo-message";
    /** The largest channel whose member list the connection remembers. */
    static final int NAMES_KEPT = 50;
    /** How a labeled message's client message id starts: the label follows. */
    static final String LABEL_CID = "irc-label:";
    static final String BATCH = "batch";

    private final IrcState state;
    private final Consumer<List<String>> irc;
    /** What came between the login and the end of registration (SASL logs in before CAP END). */
    private final List<ServerMessage> early = new ArrayList<>();

    Replies(IrcState state, Consumer<List<String>> irc) {
        this.state = state;
        this.irc = irc;
    }

    List<ClientMessage> handle(ServerMessage message) {
        if (!state.registered() && state.loggedIn() != null && !(message instanceof Bye)) {
            early.add(message);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<ClientMessage> follow = new ArrayList<>();
        switch (message) {
            case Welcome welcome -> state.limits(welcome.limits());
            case LoggedIn loggedIn -> loggedIn(loggedIn, out, follow);
            case ErrorReply error -> error(error, out, follow);
            case ChatMessage said when said.history() -> state.replayed(roomOf(said.room()), said);
            case Announcement announcement when announcement.history() ->
                    state.replayed(roomOf(announcement.room()), announcement);
            case FileShared shared when shared.history() -> state.replayed(roomOf(shared.room()), shared);
            case HistoryEnd end when end.with() == null -> historyEnded(roomOf(end.room()), out, follow);
            case HistoryEnd end -> {
                ChatHistory asked = state.historyAnswered(end.with());
                List<ServerMessage> page = state.pageTaken(end.with());
                if (asked != null) {
                    historyPage(asked, page, out);
                }
            }
            case PrivateMessage whisper when whisper.isHistory() -> state.replayed(
                    whisper.from().equals(state.nick()) ? whisper.to() : whisper.from(), whisper);
            case ChatMessage said when !said.from().equals(state.nick()) || state.has(ECHO) -> {
                entry(said, null, out);
                labelEcho(said.cid(), out);
                Long report = state.asGuest() ? null : state.delivered(roomOf(said.room()), said.id(),
                        System.nanoTime());
                if (report != null) {
                    follow.add(new MarkRead(roomOf(said.room()), null, report));
                }
            }
            case Announcement announcement -> entry(announcement, null, out);
            case FileShared shared when shared.room() != null -> entry(shared, null, out);
            case PrivateMessage whisper when !whisper.isHistory()
                    && (!whisper.from().equals(state.nick()) || state.has(ECHO)) -> {
                whisper(whisper, whisper.from().equals(state.nick()) ? whisper.to() : state.nick(), null, out);
                labelEcho(whisper.cid(), out);
            }
            case Joined joined when joined.room() != null -> {
                state.arrived(joined.name());
                if (joined.online() <= NAMES_KEPT || joined.name().equals(state.nick())) {
                    state.sees(joined.name(), joined.room());
                }
                joined(joined.name(), joined.room(), out, follow);
            }
            case Presence presence when !presence.name().equals(state.nick()) -> {
                if (presence.isOnline()) {
                    state.arrived(presence.name());
                    if (presence.online() <= NAMES_KEPT) {
                        state.sees(presence.name(), presence.room());
                    }
                    out.add(IrcLine.of(source(presence.name()), "JOIN", presence.room()));
                } else {
                    // Offline everywhere at once: IRC clients take one QUIT out of every channel they share.
                    state.seesNoMore(presence.name(), presence.room());
                    if (state.quits(presence.name())) {
                        out.add(IrcLine.of(source(presence.name()), "QUIT",
                                presence.reason() == null ? "offline" : presence.reason()));
                    }
                }
            }
            case Left left when left.room() != null -> left(left, out);
            case Renamed renamed -> {
                out.add(IrcLine.of(source(renamed.from()), "NICK", renamed.to()));
                state.renamed(renamed.from(), renamed.to());
                if (renamed.from().equals(state.nick())) {
                    state.nick(renamed.to());
                }
            }
            case RoleChanged role -> out.add(IrcLine.of(source(role.by()), "MODE", role.room(),
                    switch (role.role()) {
                        case Roles.OWNER -> "+q";
                        case Roles.OPERATOR -> "+o";
                        default -> "-o";
                    }, role.name()));
            case BanChanged ban -> out.add(IrcLine.of(source(ban.by()), "MODE", ban.room(),
                    ban.banned() ? "+b" : "-b", ban.name() + "!*@*"));
            case BanList bans -> {
                bans.names().forEach(name -> out.add(numeric("367", bans.room(), name + "!*@*")));
                out.add(numeric("368", bans.room(), "End of channel ban list"));
            }
            case SettingsChanged settings -> {
                state.modes(settings.room(), settings.topicLocked(), settings.inviteOnly());
                out.add(IrcLine.of(source(settings.by()), "MODE", settings.room(), (settings.topicLocked() ? "+t"
                        : "-t") + (settings.inviteOnly() ? "+i" : "-i")));
            }
            case Invited invited -> out.add(invited.name().equals(state.nick())
                    ? IrcLine.of(source(invited.by()), "INVITE", state.nick(), invited.room())
                    : numeric("341", invited.name(), invited.room()));
            case TopicChanged topic -> {
                state.topic(topic.room(), topic.text());
                out.add(IrcLine.of(source(topic.by()), "TOPIC", topic.room(), topic.text()));
            }
            case RoomInfo info -> {
                if (state.inChannel(info.name()) && state.replaying(info.name())) {
                    // A join of a room the user is in already: no replay comes.
                    follow.addAll(state.replayDone(info.name()));
                }
                state.topic(info.name(), info.topic());
                state.modes(info.name(), !Boolean.FALSE.equals(info.topicLocked()),
                        Boolean.TRUE.equals(info.inviteOnly()));
            }
            case RoomDeleted deleted -> {
                out.add(IrcLine.of(source(state.nick()), "PART", deleted.room(), "The room was deleted by "
                        + deleted.by()));
                state.parted(deleted.room());
            }
            case Members members when members.room() != null -> members(members, out);
            case RoomList list -> roomList(list, out, follow);
            case Bye bye -> out.add(IrcLine.of(null, "ERROR", "Closing link: " + bye.reason()));
            case FileOffered offer -> {
                // IRC clients cannot take our files: declined at once, so the sender does not wait for this one.
                follow.add(new FileCancel(offer.tid(), FileCancel.CANCELLED, "Files are not relayed over IRC."));
                if (offer.to() != null) {
                    out.add(IrcLine.of(IrcClient.SERVER, "NOTICE", state.nickOrStar(), offer.from()
                            + " offered you a file, " + offer.name() + " (" + offer.size() + " bytes); files are"
                            + " not relayed over IRC: use one of our clients to receive it."));
                }
            }
            default -> {
                // History replays, history ends, pongs and file transfers have no IRC form here.
            }
        }
        irc.accept(out);
        return follow;
    }

    /** A private message as a PRIVMSG to {@code target}, its msgid naming its conversation and its id there. */
    private void whisper(PrivateMessage whisper, String target, String batch, List<String> out) {
        String msgid = whisper.id() == null ? null : "p" + whisper.id() + "-" + IrcLine.token(whisper.from()) + "-"
                + IrcLine.token(whisper.to());
        privmsg(whisper.ts(), msgid, whisper.from(), source(whisper.from()), "PRIVMSG", target, whisper.text(), batch,
                out);
    }

    /** The echo of a labeled message carries the label ({@code labeled-response}), on its first line. */
    private static void labelEcho(String cid, List<String> out) {
        if (cid != null && cid.startsWith(LABEL_CID) && !out.isEmpty()) {
            out.set(0, IrcLine.withTag(out.getFirst(), "label=" + cid.substring(cid.indexOf('/') + 1)));
        }
    }

    /** A history entry or a live one, as IRC shows it: a PRIVMSG, or a NOTICE from the server. */
    private void entry(ServerMessage entry, String batch, List<String> out) {
        switch (entry) {
            case ChatMessage said -> privmsg(said.ts(), msgid(said.room(), said.id()), said.from(),
                    source(said.from()), "PRIVMSG", roomOf(said.room()), said.text(), batch, out);
            case Announcement announcement -> privmsg(announcement.ts(), msgid(announcement.room(),
                    announcement.id()), null, IrcClient.SERVER, "NOTICE", roomOf(announcement.room()),
                    announcement.text(), batch, out);
            case FileShared shared -> privmsg(shared.ts(), msgid(shared.room(), shared.id()), null, IrcClient.SERVER,
                    "NOTICE", roomOf(shared.room()), shared.from() + " shared a file: " + shared.name() + " ("
                            + shared.size() + " bytes; files are not relayed over IRC)", batch, out);
            default -> {
            }
        }
    }

    /**
     * A page of a room's history ended: the replay after a login or a join (which a client that pages history with
     * CHATHISTORY does not get), or the page a CHATHISTORY command asked for.
     */
    private void historyEnded(String room, List<String> out, List<ClientMessage> follow) {
        if (state.replaying(room) || !state.historyWaits(room)) {
            follow.addAll(state.replayDone(room));
            if (state.has(ChatHistory.CAPABILITY)) {
                state.replayTaken(room);
            } else {
                replayEnded(room, out);
            }
            return;
        }
        historyPage(state.historyAnswered(room), state.pageTaken(room), out);
    }

    /** What a CHATHISTORY command asked for, in a {@code chathistory} batch. */
    private void historyPage(ChatHistory asked, List<ServerMessage> page, List<String> out) {
        String batch = state.nextBatch();
        String start = IrcLine.of(IrcClient.SERVER, "BATCH", "+" + batch, "chathistory", asked.target());
        out.add(asked.label() == null ? start : IrcLine.withTag(start, "label=" + asked.label()));
        for (ServerMessage entry : asked.cut(page)) {
            if (entry instanceof PrivateMessage whisper) {
                whisper(whisper, whisper.to(), batch, out);
            } else {
                entry(entry, batch, out);
            }
        }
        out.add(IrcLine.of(IrcClient.SERVER, "BATCH", "-" + batch));
    }

    /**
     * A room's replay ended (after a login or a join): what the account had not read, by the login's unread count,
     * up to the server's replay, in a {@code chathistory} batch for clients that take batches. Held until the
     * channel's JOIN when that comes later.
     */
    private void replayEnded(String room, List<String> out) {
        List<ServerMessage> entries = state.replayTaken(room);
        if (entries.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        String batch = state.has(BATCH) ? state.nextBatch() : null;
        if (batch != null) {
            lines.add(IrcLine.of(IrcClient.SERVER, "BATCH", "+" + batch, "chathistory", room));
        }
        entries.forEach(entry -> entry(entry, batch, lines));
        if (batch != null) {
            lines.add(IrcLine.of(IrcClient.SERVER, "BATCH", "-" + batch));
        }
        if (state.inChannel(room)) {
            out.addAll(lines);
        } else {
            state.holdReplay(room, lines);
        }
    }

    /** The room an entry belongs to: protocol 2 names it; the default room otherwise. */
    private static String roomOf(String room) {
        return room == null ? RoomNames.DEFAULT_ROOM : room;
    }

    /** An entry's id as a message-tags msgid: its room and its id there. */
    private static String msgid(String room, long id) {
        return IrcLine.token(roomOf(room).substring(1)) + "-" + id;
    }

    /** A departure from a room: a kick or a ban as IRC's KICK, by whoever did it; anything else a PART. */
    private void left(Left left, List<String> out) {
        String reason = left.reason() == null ? "" : left.reason();
        String by = null;
        for (String verb : List.of("kicked by ", "banned by ")) {
            if (reason.startsWith(verb)) {
                int colon = reason.indexOf(": ", verb.length());
                by = colon < 0 ? reason.substring(verb.length()) : reason.substring(verb.length(), colon);
                reason = colon < 0 ? left.name() : reason.substring(colon + 2);
            }
        }
        out.add(by != null && !by.contains(" ")
                ? IrcLine.of(source(by), "KICK", left.room(), left.name(), reason)
                : by != null ? IrcLine.of(IrcClient.SERVER, "KICK", left.room(), left.name(), left.reason())
                : IrcLine.of(source(left.name()), "PART", left.room(), reason));
        state.seesNoMore(left.name(), left.room());
        if (left.name().equals(state.nick())) {
            state.parted(left.room());
        }
    }

    private void loggedIn(LoggedIn loggedIn, List<String> out, List<ClientMessage> follow) {
        state.loggedIn(loggedIn);
        if (state.saslAccount() != null) {
            out.add(numeric("900", source(loggedIn.name()), loggedIn.name(), "You are now logged in as "
                    + loggedIn.name()));
            out.add(numeric("903", "SASL authentication successful"));
            if (state.negotiating() || state.requestedNick() == null || state.user() == null) {
                return;
            }
        }
        irc.accept(out);
        out.clear();
        follow.addAll(completeRegistration());
    }

    /** The welcome burst, then the channels the account is in, each with its topic and names. */
    List<ClientMessage> completeRegistration() {
        LoggedIn loggedIn = state.loggedIn();
        state.registered(true);
        String nick = loggedIn.name();
        List<String> out = new ArrayList<>();
        out.add(numeric("001", "Welcome to the " + IrcClient.SERVER + " IRC network, " + nick));
        out.add(numeric("002", "Your host is " + IrcClient.SERVER + ", speaking IRC for a chatroom server"));
        out.add(numeric("003", "This server keeps every room's history"));
        out.add(numeric("004", IrcClient.SERVER, "chatroom", "i", "bitoq"));
        out.add(numeric("005", isupport().toArray(String[]::new)));
        out.addAll(new Requests(state, irc).motd());
        irc.accept(out);
        List<ClientMessage> follow = new ArrayList<>();
        for (RoomInfo room : loggedIn.rooms()) {
            state.topic(room.name(), room.topic());
            state.replayLimit(room.name(), room.unread());
            state.replayExpected(room.name());
            List<String> lines = new ArrayList<>();
            joined(nick, room.name(), lines, follow);
            irc.accept(lines);
        }
        List<ServerMessage> waited = List.copyOf(early);
        early.clear();
        for (ServerMessage message : waited) {
            follow.addAll(handle(message));
        }
        return follow;
    }

    /** RPL_ISUPPORT: what this server does, as IRC clients read it. */
    private List<String> isupport() {
        List<String> tokens = new ArrayList<>();
        tokens.add("CHANTYPES=#");
        tokens.add("CASEMAPPING=rfc8265");
        tokens.add("PREFIX=(qo)~@");
        tokens.add("CHANMODES=b,,,it");
        tokens.add("NETWORK=" + IrcClient.SERVER);
        tokens.add("CHANNELLEN=" + RoomNames.MAX_LENGTH);
        tokens.add("TOPICLEN=390");
        tokens.add("MSGREFTYPES=msgid,timestamp");
        if (state.limits() != null) {
            tokens.add("NICKLEN=" + state.limits().maxNameLength());
            tokens.add("CHATHISTORY=" + state.limits().historyPageMax());
            if (state.limits().maxRoomsPerUser() != null) {
                tokens.add("CHANLIMIT=#:" + state.limits().maxRoomsPerUser());
            }
        }
        tokens.add("are supported by this server");
        return tokens;
    }

    private void joined(String name, String room, List<String> out, List<ClientMessage> follow) {
        out.add(IrcLine.of(source(name), "JOIN", room));
        if (name.equals(state.nick())) {
            state.joined(room);
            if (state.topic(room) != null) {
                out.add(Requests.topicLine(state, room));
            }
            out.addAll(state.heldReplay(room));
            state.listingAsked(room, IrcState.Listing.NAMES);
            follow.add(new Who(room, true));
        }
    }

    private void members(Members members, List<String> out) {
        String room = members.room();
        IrcState.Listing listing = state.listingAnswered(room);
        List<Member> online = members.users().stream().filter(m -> m.online() == null || m.online()).toList();
        if (online.size() <= NAMES_KEPT) {
            // What WHOIS and the account tag know of the people in small channels; in large ones they learn from
            // joins and messages only, or every connection would keep a copy of thousands of names.
            online.forEach(member -> {
                state.sees(member.name(), room);
                state.guest(member.name(), Boolean.TRUE.equals(member.guest()));
            });
        }
        if (listing == IrcState.Listing.WHO) {
            for (Member member : online) {
                out.add(numeric("352", room, member.name(), HOST, IrcClient.SERVER, member.name(), "H"
                        + prefix(member), "0 " + member.name()));
            }
            out.add(numeric("315", room, "End of /WHO list"));
            return;
        }
        String head = ":" + IrcClient.SERVER + " 353 " + state.nickOrStar() + " = " + room + " :";
        StringBuilder names = new StringBuilder();
        for (Member member : online) {
            String entry = prefix(member) + member.name();
            if (!names.isEmpty() && IrcLine.bytes(head + names + " " + entry) > IrcLine.MAX_BYTES - 2) {
                out.add(head + names);
                names.setLength(0);
            }
            names.append(names.isEmpty() ? "" : " ").append(entry);
        }
        if (!names.isEmpty()) {
            out.add(head + names);
        }
        out.add(numeric("366", room, "End of /NAMES list"));
    }

    /** The channel prefix of a member's role: {@code ~} for the owner, {@code @} for an operator. */
    private static String prefix(Member member) {
        if (Roles.OWNER.equals(member.role())) {
            return "~";
        }
        return Roles.OPERATOR.equals(member.role()) ? "@" : "";
    }

    private void roomList(RoomList list, List<String> out, List<ClientMessage> follow) {
        for (RoomInfo room : list.rooms()) {
            out.add(numeric("322", room.name(), Integer.toString(room.online()), room.topic() == null ? ""
                    : room.topic()));
        }
        if (list.more() && !list.rooms().isEmpty()) {
            follow.add(new ListRooms(null, list.rooms().getLast().name(), Requests.LIST_PAGE));
        } else {
            out.add(numeric("323", "End of /LIST"));
        }
    }

    /** A refusal as the numeric IRC clients know for it, naming what the request named. */
    private void error(ErrorReply error, List<String> out, List<ClientMessage> follow) {
        ErrorCode code = ErrorCode.fromWireName(error.code());
        String ref = error.ref() == null ? "" : error.ref();
        if (ref.equals("login")) {
            state.loginRefused();
            if (state.saslAccount() != null || state.has("sasl")) {
                out.add(numeric("904", "SASL authentication failed: " + error.message()));
                return;
            }
            out.add(switch (code) {
                case NAME_TAKEN -> numeric("433", state.requestedNick(), error.message());
                case INVALID_NAME, RESERVED_NAME -> numeric("432", state.requestedNick(), error.message());
                case BANNED -> numeric("465", error.message());
                default -> numeric("464", error.message());
            });
            return;
        }
        String target = state.target(ref);
        if (ref.equals("join")) {
            // A refused join has no replay: what waited for it goes now.
            follow.addAll(state.replayDone(target));
        }
        out.add(switch (code) {
            case UNKNOWN_ROOM, ROOM_CREATION_DISABLED -> numeric("403", target, error.message());
            case INVALID_ROOM_NAME -> numeric("476", target, error.message());
            case NOT_IN_ROOM -> numeric(ref.equals("say") ? "404" : "442", target, error.message());
            case TOO_MANY_ROOMS -> numeric("405", target, error.message());
            case BANNED -> numeric("474", target, error.message());
            case INVITE_ONLY -> numeric("473", target, error.message());
            case NOT_ALLOWED -> numeric("482", target, error.message());
            case NOT_ONLINE -> numeric("401", target, error.message());
            case NAME_TAKEN -> numeric("433", target, error.message());
            case INVALID_NAME, RESERVED_NAME -> numeric("432", target, error.message());
            case EMPTY_TEXT -> numeric("412", error.message());
            case TEXT_TOO_LONG -> numeric("417", error.message());
            default -> IrcLine.of(IrcClient.SERVER, "NOTICE", state.nickOrStar(), error.message());
        });
    }

    /**
     * A PRIVMSG or NOTICE per line of the text, each cut to fit an IRC line on a character boundary, with the tags
     * the client asked for: when it was said ({@code server-time}), its id ({@code message-tags}), the sender's
     * account ({@code account-tag}) and its batch.
     *
     * @param sender the person who said it, or {@code null} for the server
     */
    private void privmsg(long ts, String msgid, String sender, String source, String command, String target,
                         String text, String batch, List<String> out) {
        lines(tags(ts, msgid, sender, batch), source, command, target, text, out);
    }

    /** The lines of a text, each with these tags, cut to fit. */
    static void lines(String tags, String source, String command, String target, String text, List<String> out) {
        int room = IrcLine.MAX_BYTES - 2 - IrcLine.bytes(":" + source + " " + command + " " + target + " :");
        for (String piece : IrcLine.split(text, room)) {
            // The text always as a trailing parameter, as IRC servers write it, whatever it holds.
            out.add(tags + IrcLine.of(source, command, target) + " :" + piece);
        }
    }

    /** The tags a line carries for this client, with the space after them; empty for none. */
    String tags(long ts, String msgid, String sender, String batch) {
        List<String> tags = new ArrayList<>();
        if (batch != null) {
            tags.add("batch=" + batch);
        }
        if (state.has("server-time")) {
            tags.add("time=" + IrcLine.time(ts));
        }
        if (msgid != null && state.has("message-tags")) {
            tags.add("msgid=" + msgid);
        }
        if (sender != null && state.has("account-tag") && !state.isGuest(sender)) {
            tags.add("account=" + sender);
        }
        return tags.isEmpty() ? "" : "@" + String.join(";", tags) + " ";
    }

    /**
     * A list of live room messages taken whole by a client that shows them without tags ({@link SharedLines}): one
     * list for all such clients (without echo-message, all but the senders themselves); null when this client cannot
     * take it so. Moves the read markers as {@link #handle} does, once per room.
     */
    List<Frame> sharedBatch(SharedLines reading, int size, List<ClientMessage> follow) throws ProtocolException {
        if (!state.registered() || state.tagging()) {
            return null;
        }
        SharedLines.Summary summary = reading.summary();
        if (!summary.liveChat()) {
            return null;
        }
        boolean withOwn = state.has(ECHO) || !summary.senders().contains(state.nick());
        String me = state.nick();
        List<Frame> all = reading.whole(withOwn ? "*" : "-" + me, () -> {
            List<Frame> lines = new ArrayList<>();
            for (int index = 0; index < size; index++) {
                ChatMessage said = (ChatMessage) messageAt(reading, index);
                if (withOwn || !said.from().equals(me)) {
                    lines.addAll(reading.lines(index, "", () -> {
                        List<String> text = new ArrayList<>();
                        lines("", source(said.from()), "PRIVMSG", said.room(), said.text(), text);
                        return text;
                    }));
                }
            }
            return lines;
        });
        if (!state.asGuest()) {
            long now = System.nanoTime();
            summary.newest().forEach((room, id) -> {
                Long report = state.delivered(room, id, now);
                if (report != null) {
                    follow.add(new MarkRead(room, null, report));
                }
            });
        }
        return all;
    }

    private static ServerMessage messageAt(SharedLines reading, int index) {
        try {
            return reading.message(index);
        } catch (ProtocolException e) {
            // Read already for the summary, which found every frame a message.
            throw new IllegalStateException(e);
        }
    }

    /**
     * A live room message that every IRC client in the room shows alike but for its tags: the lines are shared
     * ({@link SharedLines}); null when this one is not such (history, an echo not asked for, a labeled echo, before
     * registration). Moves the read marker as {@link #handle} does.
     */
    List<Frame> sharedChat(SharedLines reading, int index, ChatMessage said, List<ClientMessage> follow) {
        boolean own = said.from().equals(state.nick());
        if (said.history() || !state.registered() || own && !state.has(ECHO)
                || said.cid() != null && said.cid().startsWith(LABEL_CID)) {
            return null;
        }
        String room = roomOf(said.room());
        String tags = state.tagging() ? tags(said.ts(), msgid(said.room(), said.id()), said.from(), null) : "";
        List<Frame> frames = reading.lines(index, tags, () -> {
            List<String> lines = new ArrayList<>();
            lines(tags, source(said.from()), "PRIVMSG", room, said.text(), lines);
            return lines;
        });
        Long report = state.asGuest() ? null : state.delivered(room, said.id(), System.nanoTime());
        if (report != null) {
            follow.add(new MarkRead(room, null, report));
        }
        return frames;
    }

    /** How a person appears as a message's source: nick, user and host. */
    static String source(String name) {
        return name + "!" + name + "@" + HOST;
    }

    private String numeric(String code, String... params) {
        return IrcLine.numeric(state.nickOrStar(), code, params);
    }
}
