package chatroom.ui.terminal;

import chatroom.api.message.ClientMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.FileTransfer;

/** Something the main thread must react to, as queued in the {@link Inbox}. */
sealed interface Happening {
    /** The user finished a line. */
    record Typed(String line) implements Happening {
    }

    /** Standard input ended, or the user pressed Ctrl-C or Ctrl-D on an empty line. */
    record InputEnded() implements Happening {
    }

    record Received(ServerMessage message) implements Happening {
    }

    record Disconnected(String reason, boolean error) implements Happening {
    }

    /** A file transfer started, moved on or ended. */
    record Transfer(FileTransfer transfer) implements Happening {
    }

    /** The connection was lost and the transport tries again; what is typed meanwhile is sent afterwards. */
    record Reconnecting(String reason, int attempt) implements Happening {
    }

    /** Logged in again; the messages missed meanwhile follow, closed by a history end. */
    record Reconnected() implements Happening {
    }

    /** Something about the connection itself: not encrypted, a certificate trusted for the first time. */
    record Notice(String text) implements Happening {
    }

    /** Work the chat model asked to run now, after its delay. */
    record Due(Runnable task) implements Happening {
    }

    /** A message the user sent that will never be delivered. */
    record NotSent(ClientMessage request, String reason) implements Happening {
    }
}
