/**
 * The terminal user interface: chat in a terminal with colours and line editing on a TTY, or plain lines in pipes,
 * using nothing but the JDK and the {@code stty} command.
 *
 * @provides chatroom.api.spi.ChatUiProvider
 */
module chatroom.ui.terminal {
    requires chatroom.client;

    provides chatroom.api.spi.ChatUiProvider with chatroom.ui.terminal.TerminalUiProvider;
}
