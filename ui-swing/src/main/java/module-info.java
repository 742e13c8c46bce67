/**
 * The Swing windows: a chat client window for {@code chat client --ui swing} and an operator console window for
 * {@code chat server --console swing}.
 *
 * @provides chatroom.api.spi.ChatUiProvider
 * @provides chatroom.api.spi.ServerConsoleProvider
 */
module chatroom.ui.swing {
    requires chatroom.client;
    requires java.desktop;

    provides chatroom.api.spi.ChatUiProvider with chatroom.ui.swing.SwingUiProvider;
    provides chatroom.api.spi.ServerConsoleProvider with chatroom.ui.swing.SwingConsoleProvider;
}
