package chatroom.api.spi;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * An extra {@code chat} subcommand that lives in its own module, such as {@code bench}, so that the normal client
 * and server do not carry it. Found with {@link java.util.ServiceLoader}; {@code chat NAME ARGS…} runs it.
 */
public interface CommandProvider extends NamedProvider {
    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the exit code: 0 done, 1 failed, 2 usage error
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}
