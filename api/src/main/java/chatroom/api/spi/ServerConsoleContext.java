package chatroom.api.spi;

import java.io.InputStream;
import java.io.PrintStream;

/** What a {@link ServerConsoleProvider} is given: the server and the process's standard streams. */
public record ServerConsoleContext(ServerControl server, InputStream in, PrintStream out, PrintStream err) {
}
