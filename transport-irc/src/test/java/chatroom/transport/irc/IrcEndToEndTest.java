package chatroom.transport.irc;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.ServerMessage;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IRC end to end over a raw socket, against a real server that also speaks our own protocol: registration (PASS,
 * NICK, USER; SASL PLAIN; guests), channels, messages both ways, and the refusals as IRC numerics.
 */
class IrcEndToEndTest {
    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private IrcServerUnderTest server;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private void start(ServerConfig config) throws Exception {
        server = new IrcServerUnderTest(config);
        toClose.add(server);
    }

    private void start() throws Exception {
        start(ServerConfig.defaults(data).withHashIterations(1_000));
    }

    private IrcTestClient irc() {
        IrcTestClient client = new IrcTestClient(server.ircPort());
        toClose.add(client);
        return client;
    }

    private IrcServerUnderTest.Ours ours(String name) throws Exception {
        IrcServerUnderTest.Ours ours = server.ours(name);
        toClose.add(ours);
        return ours;
    }

    @Test
    void anAccountRegistersWithPassNickUserIsInItsRoomsAndTalksWithOurClients() throws Exception {
        start();
        IrcServerUnderTest.Ours bob = ours("bob");
        IrcTestClient alice = irc();
        alice.send("PASS pw-alice");
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice");

        assertEquals(":chatroom 001 alice :Welcome to the chatroom IRC network, alice", alice.await("001"));
        String isupport = alice.await("005");
        assertTrue(isupport.contains(" CHANTYPES=# ") && isupport.contains(" CASEMAPPING=rfc8265 ")
                && isupport.contains(" PREFIX=(qo)~@ ") && isupport.contains(" NICKLEN=32 "), isupport);
        alice.await("376");
        assertEquals(":alice!alice@chatroom JOIN #lobby", alice.await("JOIN"));
        String names = alice.await("353");
        assertTrue(names.startsWith(":chatroom 353 alice = #lobby :") && names.contains("alice")
                && names.contains("bob"), names);
        alice.await("366");

        bob.service().sayIn("#lobby", "hi irc");
        assertEquals(":bob!bob@chatroom PRIVMSG #lobby :hi irc", alice.await("PRIVMSG"));
        alice.send("PRIVMSG #lobby :hello bob, 你好");
        ChatMessage heard = bob.await(ChatMessage.class, m -> m.from().equals("alice"));
        assertEquals(List.of("#lobby", "hello bob, 你好"), List.of(heard.room(), heard.text()));

        java.nio.file.Path file = java.nio.file.Files.writeString(data.resolve("notes.txt"), "for alice");
        bob.service().sendFile(file, "alice");
        assertTrue(alice.await("NOTICE").endsWith(":bob offered you a file, notes.txt (9 bytes); files are not"
                + " relayed over IRC: use one of our clients to receive it."));
        alice.send("PRIVMSG bob :just you");
        assertEquals("just you", bob.await(PrivateMessage.class, m -> m.from().equals("alice")).text());
        bob.service().tell("alice", "and back");
        assertEquals(":bob!bob@chatroom PRIVMSG alice :and back", alice.await("PRIVMSG"));
    }

    @Test
    void privateMessagesThatWaitedArriveAtRegistration() throws Exception {
        start();
        ours("hana").service().logout();
        IrcServerUnderTest.Ours ivan = ours("ivan");
        ivan.service().tell("hana", "while you were away");
        ivan.await(PrivateMessage.class, m -> m.isOffline());

        IrcTestClient hana = irc();
        hana.register("hana", "pw-hana");
        assertEquals(":ivan!ivan@chatroom PRIVMSG hana :while you were away", hana.await("PRIVMSG"));
    }

    @Test
    void ircv3TagsTheEchoAndAReplayOfWhatWasNotReadInABatch() throws Exception {
        start();
        ours("kim").service().logout();
        IrcServerUnderTest.Ours bob = ours("bob");
        for (int i = 1; i <= 3; i++) {
            bob.service().sayIn("#lobby", "m" + i);
        }
        bob.await(ChatMessage.class, m -> m.text().equals("m3"));
        IrcTestClient kim = irc();
        kim.send("CAP LS 302");
        kim.send("CAP REQ :server-time message-tags batch echo-message account-tag");
        assertTrue(kim.await(line -> line.contains(" CAP * ACK ")).endsWith(
                ":server-time message-tags batch echo-message account-tag"));
        kim.send("CAP END");
        kim.register("kim", "pw-kim");

        String start = kim.await("BATCH");
        assertTrue(start.matches(":chatroom BATCH \\+(\\w+) chathistory #lobby"), start);
        String batch = start.split(" ")[2].substring(1);
        for (int i = 1; i <= 3; i++) {
            String line = kim.await(l -> l.contains("PRIVMSG"));
            assertTrue(line.matches("@batch=" + batch + ";time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"
                    + ";msgid=lobby-" + i + ";account=bob :bob!bob@chatroom PRIVMSG #lobby :m" + i), line);
        }
        assertEquals(":chatroom BATCH -" + batch, kim.await("BATCH"));
        kim.send("PRIVMSG #lobby :mine");
        assertTrue(kim.await(l -> l.endsWith("PRIVMSG #lobby :mine")).contains(";msgid=lobby-4;account=kim "));
        kim.send("QUIT :later");
        assertEquals("ERROR :Closing link: Goodbye.", kim.await(l -> l.startsWith("ERROR")));
        bob.service().sayIn("#lobby", "m5");
        bob.service().sayIn("#lobby", "m6");
        bob.await(ChatMessage.class, m -> m.text().equals("m6"));

        IrcTestClient again = irc();
        again.register("kim", "pw-kim");
        again.await("JOIN");
        assertEquals(List.of(":bob!bob@chatroom PRIVMSG #lobby :m5", ":bob!bob@chatroom PRIVMSG #lobby :m6"),
                List.of(again.await("PRIVMSG"), again.await("PRIVMSG")), "only what kim had not read");
    }

    /** The PRIVMSG texts of the next chathistory batch, after its start. */
    private static List<String> batchTexts(IrcTestClient client) {
        String start = client.await("BATCH");
        assertTrue(start.contains(" chathistory "), start);
        String reference = start.split(" ")[2].substring(1);
        List<String> texts = new ArrayList<>();
        while (true) {
            String line = client.await(l -> l.contains(" PRIVMSG ") || l.contains(" BATCH -"));
            if (line.contains(" BATCH -")) {
                assertEquals(":chatroom BATCH -" + reference, line);
                return texts;
            }
            assertTrue(line.startsWith("@batch=" + reference + ";"), line);
            texts.add(line.substring(line.lastIndexOf(" :") + 2));
        }
    }

    @Test
    void chathistoryPagesRoomsAndPrivateConversationsInBatches() throws Exception {
        start();
        ours("lia").service().logout();
        IrcServerUnderTest.Ours bob = ours("bob");
        for (int i = 1; i <= 5; i++) {
            bob.service().sayIn("#lobby", "m" + i);
        }
        bob.service().tell("lia", "p1");
        bob.service().tell("lia", "p2");
        bob.await(PrivateMessage.class, m -> m.text().equals("p2"));
        IrcTestClient lia = irc();
        lia.send("CAP LS 302");
        lia.send("CAP REQ :draft/chathistory batch message-tags");
        lia.await(line -> line.contains(" ACK "));
        lia.send("CAP END");
        lia.register("lia", "pw-lia");
        lia.await(line -> line.startsWith(":chatroom 366 lia #lobby"));

        lia.send("CHATHISTORY LATEST #lobby * 2");
        assertEquals(List.of("m4", "m5"), batchTexts(lia));
        lia.send("CHATHISTORY BEFORE #lobby msgid=lobby-4 2");
        assertEquals(List.of("m2", "m3"), batchTexts(lia));
        lia.send("CHATHISTORY AFTER #lobby msgid=lobby-3 1");
        assertEquals(List.of("m4"), batchTexts(lia));
        lia.send("CHATHISTORY LATEST bob * 10");
        assertEquals(List.of("p1", "p2"), batchTexts(lia));
        lia.send("JOIN #fresh");
        lia.send("CHATHISTORY LATEST #fresh * 5");
        assertEquals(List.of(), batchTexts(lia), "asked before the join's replay ended, answered after it");
        lia.send("CHATHISTORY AROUND #lobby msgid=lobby-3 3");
        assertEquals(List.of("m2", "m3", "m4"), batchTexts(lia));
        lia.send("CHATHISTORY TARGETS timestamp=2026-01-01T00:00:00.000Z timestamp=2027-01-01T00:00:00.000Z 5");
        assertEquals(":chatroom FAIL CHATHISTORY INVALID_PARAMS TARGETS :Only LATEST, BEFORE, AFTER, AROUND and"
                + " BETWEEN are served", lia.await("FAIL"));
        assertTrue(lia.seen().stream().noneMatch(line -> line.endsWith(":m1")), "no replay with chathistory");
    }

    @Test
    void labeledCommandsGetTheirLabelBack() throws Exception {
        start();
        IrcTestClient mo = irc();
        mo.send("CAP LS 302");
        mo.send("CAP REQ :labeled-response batch echo-message draft/chathistory");
        mo.await(line -> line.contains(" ACK "));
        mo.send("CAP END");
        mo.register("mo", "pw-mo");
        mo.await(line -> line.startsWith(":chatroom 366 mo #lobby"));

        mo.send("@label=a1 PING :x");
        assertEquals("@label=a1 :chatroom PONG chatroom x", mo.await(line -> line.contains(" PONG ")));
        mo.send("@label=a2 PRIVMSG #lobby :one");
        assertTrue(mo.await(line -> line.endsWith("PRIVMSG #lobby :one")).startsWith("@label=a2 "));
        mo.send("@label=a3 PRIVMSG #lobby :two");
        assertTrue(mo.await(line -> line.endsWith("PRIVMSG #lobby :two")).startsWith("@label=a3 "),
                "each labeled message is sent, however alike their labels");
        mo.send("@label=a4 MOTD");
        String start = mo.await(line -> line.contains("BATCH +"));
        assertTrue(start.startsWith("@label=a4 :chatroom BATCH +") && start.endsWith(" labeled-response"), start);
        mo.send("@label=a5 CHATHISTORY LATEST #lobby * 1");
        assertTrue(mo.await(line -> line.contains(" chathistory ")).startsWith("@label=a5 "));
        mo.send("@label=a6 JOIN #elsewhere");
        assertEquals("@label=a6 :chatroom ACK", mo.await(line -> line.contains("ACK")));
    }

    @Test
    void aWrongPasswordGetsThePasswordNumericAndAnotherTry() throws Exception {
        start();
        ours("carol").service().logout();
        IrcTestClient carol = irc();
        carol.send("PASS not-it");
        carol.send("NICK carol");
        carol.send("USER carol 0 * :Carol");

        assertEquals(":chatroom 464 * :Wrong password for 'carol'.", carol.await("464"));
        carol.send("PASS pw-carol");
        carol.send("NICK carol");
        assertEquals(":chatroom 001 carol :Welcome to the chatroom IRC network, carol", carol.await("001"));
    }

    @Test
    void saslPlainLogsInDuringCapabilityNegotiation() throws Exception {
        start();
        IrcTestClient dave = irc();
        dave.send("CAP LS 302");
        assertEquals(":chatroom CAP * LS :account-tag batch cap-notify draft/chathistory echo-message"
                + " labeled-response message-tags multi-prefix server-time sasl=PLAIN", dave.await("CAP"));
        dave.send("NICK dave");
        dave.send("USER dave 0 * :Dave");
        dave.send("CAP REQ :sasl");
        assertEquals(":chatroom CAP * ACK sasl", dave.await("CAP"));
        dave.send("AUTHENTICATE PLAIN");
        assertEquals("AUTHENTICATE +", dave.await(line -> line.startsWith("AUTHENTICATE")));
        dave.send("AUTHENTICATE " + Base64.getEncoder().encodeToString("\0dave\0pw-dave".getBytes(
                StandardCharsets.UTF_8)));

        assertTrue(dave.await("900").contains("You are now logged in as dave"));
        dave.await("903");
        dave.send("CAP END");
        assertEquals(":chatroom 001 dave :Welcome to the chatroom IRC network, dave", dave.await("001"));
        assertEquals(":dave!dave@chatroom JOIN #lobby", dave.await("JOIN"));
    }

    @Test
    void aGuestRegistersWithoutAPasswordWhereGuestsAreAdmitted() throws Exception {
        start(ServerConfig.defaults(data).withHashIterations(1_000).withGuests(true));
        IrcTestClient guest = irc();
        guest.register("visitor", null);
        assertEquals(":visitor!visitor@chatroom JOIN #lobby", guest.await("JOIN"));
    }

    @Test
    void channelsAreRoomsAndEveryRefusalIsAStandardNumeric() throws Exception {
        start();
        IrcTestClient erin = irc();
        erin.send("JOIN #early");
        assertEquals(":chatroom 451 * :You have not registered", erin.await("451"));
        erin.register("erin", "pw-erin");
        erin.await("366");

        erin.send("JOIN #ops,#dev");
        int before = erin.seen().size();
        erin.await(line -> line.startsWith(":chatroom 366 erin #ops"));
        erin.await(line -> line.startsWith(":chatroom 366 erin #dev"));
        List<String> joining = erin.seen().subList(before, erin.seen().size());
        assertTrue(joining.containsAll(List.of(":erin!erin@chatroom JOIN #ops", ":erin!erin@chatroom JOIN #dev",
                ":chatroom 353 erin = #ops :~erin", ":chatroom 353 erin = #dev :~erin")), joining.toString());
        erin.send("TOPIC #ops :Deploys at five");
        assertEquals(":erin!erin@chatroom TOPIC #ops :Deploys at five", erin.await("TOPIC"));
        erin.send("TOPIC #ops");
        assertEquals(":chatroom 332 erin #ops :Deploys at five", erin.await("332"));
        erin.send("PART #dev :bye");
        assertEquals(":erin!erin@chatroom PART #dev :left: bye", erin.await("PART"));
        erin.send("LIST");
        erin.await("321");
        List<String> listed = new ArrayList<>();
        listed.add(erin.await(line -> List.of("322", "323").contains(IrcTestClient.word(line, 1))));
        while (listed.getLast().contains(" 322 ")) {
            listed.add(erin.await(line -> List.of("322", "323").contains(IrcTestClient.word(line, 1))));
        }
        assertEquals(List.of(":chatroom 322 erin #dev 0 :", ":chatroom 322 erin #lobby 1 :",
                ":chatroom 322 erin #ops 1 :Deploys at five", ":chatroom 323 erin :End of /LIST"), listed);
        erin.send("WHO #ops");
        assertEquals(":chatroom 352 erin #ops erin chatroom chatroom erin H~ :0 erin", erin.await("352"));
        erin.await("315");

        erin.send("PRIVMSG #nowhere :hello?");
        assertEquals(":chatroom 403 erin #nowhere :There is no room called '#nowhere'.", erin.await("403"));
        erin.send("PRIVMSG #dev :not in it");
        assertEquals(":chatroom 404 erin #dev :You are not in #dev; join it first.", erin.await("404"));
        erin.send("PRIVMSG nobody :hi");
        assertTrue(erin.await("401").startsWith(":chatroom 401 erin nobody :"));
        erin.send("JOIN #bad!name");
        assertTrue(erin.await("476").startsWith(":chatroom 476 erin #bad!name :"));
        erin.send("FROB");
        assertEquals(":chatroom 421 erin FROB :Unknown command", erin.await("421"));
        erin.send("PRIVMSG #ops :" + "x".repeat(600));
        assertEquals(":chatroom 417 erin :Input line was too long", erin.await("417"));
        erin.send("PING :still there");
        assertEquals(":chatroom PONG chatroom :still there", erin.await("PONG"));
    }

    @Test
    void someoneGoingOfflineIsOneQuitHoweverManyChannelsAreSharedAndComingBackJoinsEach() throws Exception {
        start();
        IrcServerUnderTest.Ours bob = ours("bob");
        bob.service().join("#dev");
        IrcTestClient alice = irc();
        alice.register("alice", "pw-alice");
        alice.send("JOIN #dev");
        alice.await(line -> line.startsWith(":chatroom 366 alice #dev"));

        bob.service().logout();
        assertEquals(":bob!bob@chatroom QUIT :logged out", alice.await(line -> line.startsWith(":bob!")));
        ours("bob");
        List<String> joins = List.of(alice.await(line -> line.startsWith(":bob!")),
                alice.await(line -> line.startsWith(":bob!")));
        assertEquals(List.of(":bob!bob@chatroom JOIN #dev", ":bob!bob@chatroom JOIN #lobby"),
                joins.stream().sorted().toList());
        assertEquals(1, alice.seen().stream().filter(line -> line.contains(" QUIT ")).count(), alice.seen().toString());
        assertTrue(alice.seen().stream().noneMatch(line -> line.contains(" PART ")), alice.seen().toString());
    }

    @Test
    void modesKicksInvitesWhoisAndAwayKeepOrderAsOurClientsDo() throws Exception {
        start();
        ours("carol").service().logout();
        IrcTestClient alice = irc();
        alice.register("alice", "pw-alice");
        alice.send("JOIN #mod");
        alice.await(line -> line.startsWith(":chatroom 366 alice #mod"));
        IrcServerUnderTest.Ours bob = ours("bob");
        bob.service().join("#mod");
        assertEquals(":bob!bob@chatroom JOIN #mod", alice.await(line -> line.endsWith("JOIN #mod")));

        alice.send("MODE alice");
        assertEquals(":chatroom 221 alice +", alice.await("221"));
        alice.send("MODE #mod +o bob");
        assertEquals(":alice!alice@chatroom MODE #mod +o bob", alice.await("MODE"));
        assertEquals("operator", bob.await(RoleChanged.class, r -> r.name().equals("bob")).role());
        alice.send("MODE #mod +i");
        assertEquals(":alice!alice@chatroom MODE #mod +t+i", alice.await("MODE"));
        alice.send("MODE #mod");
        assertEquals(":chatroom 324 alice #mod +ti", alice.await("324"));
        alice.send("INVITE carol #mod");
        assertEquals(":chatroom 341 alice carol #mod", alice.await("341"));
        alice.send("WHOIS bob");
        assertEquals(":chatroom 311 alice bob bob chatroom * bob", alice.await("311"));
        assertEquals(":chatroom 319 alice bob :#lobby #mod", alice.await("319"));
        alice.await("318");
        alice.send("WHOIS nobody");
        alice.await("401");
        alice.send("AWAY :lunch");
        alice.await("306");
        alice.send("AWAY");
        alice.await("305");
        alice.send("KICK #mod bob :enough");
        assertEquals(":alice!alice@chatroom KICK #mod bob enough", alice.await("KICK"));
        alice.send("MODE #mod +b bob");
        assertEquals(":alice!alice@chatroom MODE #mod +b bob!*@*", alice.await("MODE"));
        alice.send("MODE #mod b");
        assertEquals(":chatroom 367 alice #mod bob!*@*", alice.await("367"));
        alice.await("368");
        alice.send("MODE #mod +x");
        assertEquals(":chatroom 472 alice x :is unknown mode char to me", alice.await("472"));
        IrcTestClient dan = irc();
        dan.register("dan", "pw-dan");
        dan.send("MODE #lobby +i");
        assertTrue(dan.await("482").startsWith(":chatroom 482 dan #lobby :"));
        dan.send("JOIN #mod");
        assertTrue(dan.await("473").startsWith(":chatroom 473 dan #mod :#mod is invite-only"));
        alice.send("MODE #mod +b dan");
        alice.await(line -> line.endsWith("MODE #mod +b dan!*@*"));
        dan.send("JOIN #mod");
        assertEquals(":chatroom 474 dan #mod :You are banned from #mod.", dan.await("474"));
    }

    @Test
    void ourLongAndMultilineTextsReachIrcAsSeveralLinesThatEachFit() throws Exception {
        start();
        IrcTestClient frank = irc();
        frank.register("frank", "pw-frank");
        frank.await("366");
        IrcServerUnderTest.Ours gina = ours("gina");
        String longText = "é".repeat(400) + "\nsecond line";

        gina.service().sayIn("#lobby", longText);

        List<String> pieces = new ArrayList<>();
        String line = frank.await("PRIVMSG");
        while (!line.endsWith("second line")) {
            pieces.add(line);
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 510, line);
            line = frank.await("PRIVMSG");
        }
        String head = ":gina!gina@chatroom PRIVMSG #lobby ";
        assertTrue(pieces.stream().allMatch(piece -> piece.startsWith(head)), pieces.toString());
        assertEquals("é".repeat(400), String.join("", pieces.stream().map(piece -> piece.substring(head.length()))
                .map(text -> text.startsWith(":") ? text.substring(1) : text).toList()));
        assertTrue(pieces.size() >= 2, pieces.toString());
    }
}
