package chatroom.api.spi;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a user interface is given to run: the transport to connect with, where to connect, who the user said they
 * are, and the process's standard streams.
 *
 * @param transport the chosen transport
 * @param connect   where to connect
 * @param user      the user name from the command line, or {@code null} to ask
 * @param password  the password, when it was given up front ({@code --password-stdin}), or {@code null} to ask
 * @param dataDir   a per-user folder where the interface may keep its own files
 */
public record ChatUiContext(ChatServiceProvider transport, ConnectOptions connect, String user, char[] password,
                            Path dataDir, InputStream in, PrintStream out, PrintStream err) {
}
