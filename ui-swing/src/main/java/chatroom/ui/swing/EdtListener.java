package chatroom.ui.swing;

import chatroom.api.message.ClientMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.FileTransfer;

import java.util.concurrent.Executor;

/**
 * Hands a service's events over to Swing's thread (through {@code ui}, which is {@code SwingUtilities::invokeLater}
 * outside tests), so the service's thread never waits for the window and the window is only touched on its own.
 */
record EdtListener(Executor ui, ChatListener target) implements ChatListener {
    @Override
    public void onMessage(ServerMessage message) {
        ui.execute(() -> target.onMessage(message));
    }

    @Override
    public void onTransfer(FileTransfer transfer) {
        ui.execute(() -> target.onTransfer(transfer));
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        ui.execute(() -> target.onDisconnected(reason, error));
    }

    @Override
    public void onReconnecting(String reason, int attempt) {
        ui.execute(() -> target.onReconnecting(reason, attempt));
    }

    @Override
    public void onReconnected() {
        ui.execute(target::onReconnected);
    }

    @Override
    public void onNotice(String text) {
        ui.execute(() -> target.onNotice(text));
    }

    @Override
    public void onNotSent(ClientMessage request, String reason) {
        ui.execute(() -> target.onNotSent(request, reason));
    }
}
