package chatroom.ui.terminal;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.LoggedIn;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.LoginException;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * Logs in: asks for the name and the password unless they were given, and after a refusal shows the server's reason
 * and asks again, the name too when the refusal was about the name. A password given up front leaves nothing to
 * ask again with, so its refusal ends the run. Transports without passwords (peers) are asked only for a name.
 */
final class LoginDialogue {
    /** The outcome: who we are now, or the exit code to end the run with. */
    record Outcome(LoggedIn loggedIn, int exitCode) {
        static Outcome failed() {
            return new Outcome(null, 1);
        }
    }

    private static final Set<ErrorCode> ABOUT_THE_NAME = Set.of(
            ErrorCode.INVALID_NAME, ErrorCode.RESERVED_NAME, ErrorCode.NAME_TAKEN, ErrorCode.NO_SUCH_ACCOUNT);

    private final ChatService service;
    private final Screen screen;
    private final Inbox inbox;
    private final ConnectOptions connect;
    private final boolean passwords;

    LoginDialogue(ChatService service, Screen screen, Inbox inbox, ConnectOptions connect, boolean passwords) {
        this.service = service;
        this.screen = screen;
        this.inbox = inbox;
        this.connect = connect;
        this.passwords = passwords;
    }

    /**
     * @param name     the name given on the command line, or {@code null} to ask
     * @param password the password given up front, or {@code null} to ask; never changed
     */
    Outcome logIn(String name, char[] password) throws InterruptedException {
        boolean askPassword = passwords && password == null;
        boolean mayRetry = askPassword || (!passwords && screen.canAskSecret());
        while (true) {
            while (name == null || name.isBlank()) {
                name = ask("Name: ", false);
                if (name == null) {
                    return Outcome.failed();
                }
                name = name.strip();
            }
            char[] secret = passwords ? password : new char[0];
            if (askPassword) {
                String typed = ask("Password: ", true);
                if (typed == null) {
                    return Outcome.failed();
                }
                secret = typed.toCharArray();
            }
            try {
                return new Outcome(service.login(name, secret), 0);
            } catch (LoginException e) {
                screen.problem("Login refused: " + SafeText.of(e.getMessage()));
                if (!mayRetry || e.code() == ErrorCode.TOO_MANY_ATTEMPTS) {
                    return Outcome.failed();
                }
                if (ABOUT_THE_NAME.contains(e.code())) {
                    name = null;
                }
            } catch (IOException e) {
                screen.problem("Cannot connect to " + address() + ": " + reason(e));
                return Outcome.failed();
            } finally {
                if (askPassword) {
                    Arrays.fill(secret, '\0');
                }
            }
        }
    }

    private String ask(String question, boolean secret) throws InterruptedException {
        screen.ask(question, secret);
        return inbox.nextLine();
    }

    private String address() {
        String host = connect.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + connect.port();
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : SafeText.of(message);
    }
}
