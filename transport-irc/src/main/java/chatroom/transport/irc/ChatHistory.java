package chatroom.transport.irc;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ServerMessage;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * IRCv3 {@code draft/chathistory} over our history: a CHATHISTORY command becomes a page request to the server,
 * and the page it answers is cut as the command asked (before, after or between message ids or times, the latest)
 * and sent as one {@code chathistory} batch.
 *
 * @param target   the channel or nick asked about
 * @param keep     which entries of the page the command asked for
 * @param limit    at most this many
 * @param newest   whether to keep the newest of those (LATEST, BEFORE) rather than the oldest (AFTER, BETWEEN)
 * @param request  the page asked of the server
 * @param label    the label its answer carries ({@code labeled-response}), or null
 * @param around   for AROUND, which entries are up to the message named; null otherwise
 */
record ChatHistory(String target, Predicate<ServerMessage> keep, int limit, boolean newest, ClientMessage request,
                   String label, Predicate<ServerMessage> around) {
    static final String CAPABILITY = "draft/chathistory";

    /** The same command with the label its answer carries ({@code labeled-response}), or none. */
    ChatHistory labeled(String value) {
        return new ChatHistory(target, keep, limit, newest, request, value, around);
    }

    /**
     * Reads {@code CHATHISTORY subcommand target selector [selector] limit}; empty with the reason in
     * {@code refusal} when it cannot be served.
     *
     * @param pageMax the largest page the server gives
     */
    static Optional<ChatHistory> parse(IrcLine line, int pageMax, StringBuilder refusal) {
        String sub = line.param(0) == null ? "" : line.param(0).toUpperCase(java.util.Locale.ROOT);
        String target = line.param(1);
        if (target == null || line.params().size() < 4) {
            refusal.append("Not enough parameters");
            return Optional.empty();
        }
        int limit;
        try {
            limit = Math.max(1, Math.min(pageMax, Integer.parseInt(line.param(line.params().size() - 1))));
        } catch (NumberFormatException e) {
            refusal.append("The limit is not a number");
            return Optional.empty();
        }
        Selector first = Selector.parse(line.param(2));
        if (first == null) {
            refusal.append("A message is named msgid=ID or timestamp=TIME");
            return Optional.empty();
        }
        Predicate<ServerMessage> keep;
        boolean newest;
        Long before = null;
        Predicate<ServerMessage> around = null;
        switch (sub) {
            case "LATEST" -> {
                keep = first.any() ? entry -> true : first.after();
                newest = true;
            }
            case "BEFORE" -> {
                keep = first.any() ? entry -> true : first::before;
                newest = true;
                before = first.id();
            }
            case "AFTER" -> {
                keep = first.any() ? entry -> true : first.after();
                newest = false;
            }
            case "BETWEEN" -> {
                Selector second = line.params().size() > 4 ? Selector.parse(line.param(3)) : null;
                if (second == null || first.any() || second.any()) {
                    refusal.append("BETWEEN takes two messages");
                    return Optional.empty();
                }
                keep = entry -> first.after().test(entry) && second.before(entry)
                        || second.after().test(entry) && first.before(entry);
                newest = false;
            }
            case "AROUND" -> {
                if (first.any()) {
                    refusal.append("AROUND takes a message");
                    return Optional.empty();
                }
                keep = entry -> true;
                newest = false;
                around = first.after().negate();
            }
            default -> {
                refusal.append("Only LATEST, BEFORE, AFTER, AROUND and BETWEEN are served");
                return Optional.empty();
            }
        }
        // A page before an id is exact; anything else is cut from the newest page the server gives.
        int asked = before != null ? limit : pageMax;
        ClientMessage request = target.startsWith("#") ? new HistoryRequest(before, asked, target)
                : new PrivateHistory(target, before, asked);
        return Optional.of(new ChatHistory(target, keep, limit, newest, request, null, around));
    }

    /** What the command asked for of the page the server answered, oldest first. */
    List<ServerMessage> cut(List<ServerMessage> page) {
        List<ServerMessage> kept = page.stream().filter(keep).toList();
        if (around != null) {
            // Half the limit up to the message named (itself included), the rest after it.
            int at = (int) kept.stream().filter(around).count();
            int from = Math.max(0, Math.min(at - (limit + 1) / 2, kept.size() - limit));
            return kept.subList(from, Math.min(kept.size(), from + limit));
        }
        if (kept.size() <= limit) {
            return kept;
        }
        return newest ? kept.subList(kept.size() - limit, kept.size()) : kept.subList(0, limit);
    }

    /** An entry's id in its room or conversation. */
    static long idOf(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage message -> message.id();
            case Announcement announcement -> announcement.id();
            case FileShared shared -> shared.id();
            case PrivateMessage whisper -> whisper.id() == null ? 0 : whisper.id();
            default -> 0;
        };
    }

    static long tsOf(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage message -> message.ts();
            case Announcement announcement -> announcement.ts();
            case FileShared shared -> shared.ts();
            case PrivateMessage whisper -> whisper.ts();
            default -> 0;
        };
    }

    /** A message named in a command: {@code *}, {@code msgid=ID} (as the msgid tags give them), or a time. */
    private record Selector(boolean any, Long id, Long ts) {
        static Selector parse(String text) {
            if (text.equals("*")) {
                return new Selector(true, null, null);
            }
            try {
                if (text.startsWith("msgid=")) {
                    String msgid = text.substring(6);
                    String number = msgid.startsWith("p") ? msgid.substring(1, msgid.indexOf('-'))
                            : msgid.substring(msgid.lastIndexOf('-') + 1);
                    return new Selector(false, Long.parseLong(number), null);
                }
                if (text.startsWith("timestamp=")) {
                    return new Selector(false, null, java.time.Instant.parse(text.substring(10)).toEpochMilli());
                }
            } catch (RuntimeException e) {
                return null;
            }
            return null;
        }

        boolean before(ServerMessage entry) {
            return id != null ? idOf(entry) < id : tsOf(entry) < ts;
        }

        Predicate<ServerMessage> after() {
            return entry -> id != null ? idOf(entry) > id : tsOf(entry) > ts;
        }
    }
}
