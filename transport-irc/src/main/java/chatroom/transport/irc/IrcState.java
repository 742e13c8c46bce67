package chatroom.transport.irc;

import chatroom.api.message.Limits;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.rules.RoomNames;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one IRC connection knows: how far its registration got, its nick, its channels and their topics, and the
 * answers it waits for. Guarded by its own monitor, which {@link IrcClient} holds around every use.
 */
final class IrcState {
    /** Why a {@code who} was sent: the names of a channel (NAMES, or after a join) or a WHO listing. */
    enum Listing { NAMES, WHO }

    private String requestedNick;
    private String user;
    private String password;
    private boolean negotiating;
    private final Set<String> capabilities = new LinkedHashSet<>();
    private boolean saslStarted;
    private String saslAccount;
    private boolean loggingIn;
    private LoggedIn loggedIn;
    private boolean registered;
    private String nick;
    private Limits limits;
    /** The channels the user is in, by room key, with their names as the server spells them. */
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final Map<String, String> topics = new HashMap<>();
    private final Map<String, Deque<Listing>> listings = new HashMap<>();
    /** Who the last request of each kind named, for the numerics that must repeat it. */
    private final Map<String, String> lastTarget = new HashMap<>();

    String requestedNick() {
        return requestedNick;
    }

    void requestedNick(String value) {
        requestedNick = value;
    }

    String user() {
        return user;
    }

    void user(String value) {
        user = value;
    }

    String password() {
        return password;
    }

    void password(String value) {
        password = value;
    }

    boolean negotiating() {
        return negotiating;
    }

    void negotiating(boolean value) {
        negotiating = value;
    }

    Set<String> capabilities() {
        return capabilities;
    }

    /** Turns a capability on, or off with a leading {@code -}. */
    void capability(String change) {
        if (change.startsWith("-")) {
            capabilities.remove(change.substring(1));
        } else {
            capabilities.add(change);
        }
    }

    boolean has(String capability) {
        return capabilities.contains(capability);
    }

    boolean saslStarted() {
        return saslStarted;
    }

    void saslStarted(boolean value) {
        saslStarted = value;
    }

    String saslAccount() {
        return saslAccount;
    }

    void sasl(String account, String secret) {
        saslAccount = account;
        password = secret;
    }

    boolean loggingIn() {
        return loggingIn;
    }

    /** A login went to the server; its answer decides. */
    Login loginStarted(Login login) {
        loggingIn = true;
        return login;
    }

    /** The login was refused: NICK, PASS or AUTHENTICATE may try again. */
    void loginRefused() {
        loggingIn = false;
        saslAccount = null;
        password = null;
    }

    LoggedIn loggedIn() {
        return loggedIn;
    }

    void loggedIn(LoggedIn value) {
        loggingIn = false;
        loggedIn = value;
        nick = value.name();
    }

    boolean registered() {
        return registered;
    }

    void registered(boolean value) {
        registered = value;
    }

    /** The nick, or {@code *} before there is one, as numerics address the client. */
    String nickOrStar() {
        return nick != null ? nick : "*";
    }

    String nick() {
        return nick;
    }

    void nick(String value) {
        nick = value;
    }

    Limits limits() {
        return limits;
    }

    void limits(Limits value) {
        limits = value;
    }

    void joined(String room) {
        channels.put(RoomNames.key(room), room);
    }

    void parted(String room) {
        channels.remove(RoomNames.key(room));
        topics.remove(RoomNames.key(room));
    }

    boolean inChannel(String room) {
        return channels.containsKey(RoomNames.key(room));
    }

    Iterable<String> channels() {
        return channels.values();
    }

    String topic(String room) {
        return topics.get(RoomNames.key(room));
    }

    void topic(String room, String text) {
        if (text == null || text.isEmpty()) {
            topics.remove(RoomNames.key(room));
        } else {
            topics.put(RoomNames.key(room), text);
        }
    }

    void listingAsked(String room, Listing listing) {
        listings.computeIfAbsent(RoomNames.key(room), any -> new ArrayDeque<>()).add(listing);
    }

    /** Why the member list of this room was asked for; NAMES when nothing waits for it. */
    Listing listingAnswered(String room) {
        Deque<Listing> waiting = listings.get(RoomNames.key(room));
        Listing listing = waiting == null ? null : waiting.poll();
        return listing == null ? Listing.NAMES : listing;
    }

    void target(String request, String target) {
        lastTarget.put(request, target);
    }

    String target(String request) {
        return lastTarget.getOrDefault(request, "*");
    }
}
