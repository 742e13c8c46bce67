package chatroom.ui.terminal;

import chatroom.api.file.Downloads;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the terminal client: picks the screen, creates the service, logs in, converses, and whatever happens
 * leaves the terminal as it found it and the connection closed.
 *
 * <p>Exit codes: 0 after the user quit; 1 when the connection could not be made or was lost, the login was refused
 * for good, or the server ended the session; 2 when a password is needed and there is no terminal to ask on.
 */
final class TerminalChat {
    private final ChatUiContext context;
    private final Screen screen;
    private final Clock clock;

    // Package access for tests
    TerminalChat(ChatUiContext context, Screen screen, Clock clock) {
        this.context = context;
        this.screen = screen;
        this.clock = clock;
    }

    /** A run on a TTY when the context's streams are the process's terminal, otherwise with plain lines. */
    static TerminalChat forContext(ChatUiContext context) {
        Screen screen = TerminalKind.interactive(context, System.getenv("TERM"))
                ? new TtyScreen(context.in(), context.out(), new Stty(), new AnsiStyle())
                : new PlainScreen(context.in(), context.out(), context.err(),
                        TerminalKind.inputIsTerminal(context) ? new Stty() : null);
        return new TerminalChat(context, screen, Clock.systemDefaultZone());
    }

    /** The terminal shows rooms: it asks the transport for them (a transport without rooms ignores that). */
    static ConnectOptions withRooms(ConnectOptions options) {
        Map<String, List<String>> settings = new LinkedHashMap<>(options.settings());
        settings.put(ConnectOptions.ROOMS, List.of("true"));
        return new ConnectOptions(options.host(), options.port(), settings);
    }

    int run() {
        boolean passwords = context.transport().usesPasswords();
        if (passwords && context.password() == null && !screen.canAskSecret()) {
            screen.problem("No terminal to ask for a password; pass it with --password-stdin.");
            return 2;
        }
        Inbox inbox = new Inbox();
        ChatService service;
        try {
            service = context.transport().create(withRooms(context.connect()), inbox);
        } catch (IllegalArgumentException e) {
            screen.problem(e.getMessage());
            return 2;
        }
        try (service; screen) {
            screen.start(inbox);
            LoginDialogue.Outcome login = new LoginDialogue(service, screen, inbox, context.connect(), passwords)
                    .logIn(context.user(), context.password());
            if (login.loggedIn() == null) {
                return login.exitCode();
            }
            EventFormat format = new EventFormat(screen.style(), clock);
            return new ChatDialogue(service, screen, inbox, format, login.loggedIn(),
                    Downloads.from(context.connect()).folder(), context.connect().settings("room")).run();
        } catch (IOException e) {
            screen.problem("Cannot use this terminal: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
