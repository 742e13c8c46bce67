package chatroom.ui.terminal;

import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ChatUiProvider;

/**
 * The {@code terminal} user interface. On a TTY (standard input and output are terminals and {@code TERM} is not
 * {@code dumb}) it edits the input line in raw mode and colours what it prints; anywhere else it reads one message
 * or command per line and prints one event per line without escape codes, so it can be scripted.
 */
public final class TerminalUiProvider implements ChatUiProvider {
    public TerminalUiProvider() {
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public String description() {
        return "Chat in this terminal: colours and line editing on a TTY, plain lines in pipes";
    }

    @Override
    public int run(ChatUiContext context) {
        return TerminalChat.forContext(context).run();
    }
}
