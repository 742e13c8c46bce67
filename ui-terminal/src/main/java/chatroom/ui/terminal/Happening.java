package chatroom.ui.terminal;

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
}
