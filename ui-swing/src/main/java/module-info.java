/**
 * The Swing windows: a chat client window for {@code chat client --ui swing}.
 *
 * @provides chatroom.api.spi.ChatUiProvider
 */
module chatroom.ui.swing {
    requires chatroom.api;
    requires java.desktop;

    provides chatroom.api.spi.ChatUiProvider with chatroom.ui.swing.SwingUiProvider;
}
