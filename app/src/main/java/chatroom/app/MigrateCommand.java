package chatroom.app;

import chatroom.server.store.Store;
import chatroom.server.store.StoreRows;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * {@code chat migrate}: copies everything a server's data folder holds into a database, row for row (password
 * hashes, ids and all), so that the server starts on the copy with {@code --database} and nobody notices.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = ChatCommand.Version.class,
        description = "Copy a stopped server's data folder into a database (then start it with --database).")
final class MigrateCommand implements Callable<Integer> {
    /** Rows per read and per insert batch: big enough for speed, small enough to show progress. */
    static final int BATCH = 1_000;
    /** Progress is shown for kinds with more rows than this. */
    static final int PROGRESS_ABOVE = 50_000;

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "The data folder of the server to copy (stop the server first).")
    Path from;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "The database to copy into, e.g. jdbc:postgresql://HOST:5432/chat?user=chat; its tables are"
                    + " made if missing.")
    String to;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            description = "The database's password, in a file (else from the " + DatabaseOptions.PASSWORD_VARIABLE
                    + " environment variable).")
    Path passwordFile;

    @Option(names = "--replace", description = "Empty the database first if it holds data (else that is refused).")
    boolean replace;

    /** Where environment variables come from. Package access for tests. */
    UnaryOperator<String> environment = System::getenv;

    private final Io io;

    MigrateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (!Stores.dataFolderHasStore(from)) {
            throw new UsageError("No server data in " + from + ": give the folder a server ran with (--data).");
        }
        // fsync: the copy's commit waits for the database's disk, since the data folder may be thrown away next.
        StoreSettings target = new StoreSettings(null, to, DatabaseOptions.password(passwordFile, environment), true,
                true);
        DatabaseOptions.requireProvider(target);
        try (Store source = Stores.open(StoreSettings.dataFolder(from, false)); Store copy = Stores.open(target)) {
            Map<Class<? extends Record>, Long> held = counts(copy.rows());
            long heldInAll = held.values().stream().mapToLong(Long::longValue).sum();
            if (heldInAll > 0 && !replace) {
                io.err().println("chat: " + copy.where() + " holds data already (" + describe(held)
                        + "). Give --replace to empty it first, or another database.");
                return 1;
            }
            Map<Class<? extends Record>, Long> copied = new LinkedHashMap<>();
            // One transaction: an interrupted copy leaves the database as it was, never half a server's data.
            try (StoreRows.Writer writer = copy.rows().writer()) {
                if (heldInAll > 0) {
                    writer.deleteAll();
                    io.out().println("Replacing what " + copy.where() + " holds (" + describe(held) + ").");
                }
                for (Class<? extends Record> kind : StoreRows.KINDS) {
                    copied.put(kind, copy(kind, source.rows(), writer));
                }
                writer.commit();
            }
            Map<Class<? extends Record>, Long> expected = counts(source.rows());
            Map<Class<? extends Record>, Long> found = counts(copy.rows());
            if (!found.equals(expected)) {
                io.err().println("chat: the copy differs from " + source.where() + ": it holds " + describe(found)
                        + " where the data folder holds " + describe(expected) + ". Run it again with --replace.");
                return 1;
            }
            io.out().println("Copied " + describe(copied) + " from " + source.where() + " to " + copy.where() + ".");
            io.out().println("Start the server with --database '" + copy.where() + "' (and its password as before).");
        }
        return 0;
    }

    private <R extends Record> long copy(Class<R> kind, StoreRows from, StoreRows.Writer into) throws Exception {
        long total = from.count(kind);
        AtomicLong done = new AtomicLong();
        AtomicLong shown = new AtomicLong();
        from.read(kind, BATCH, batch -> {
            into.write(kind, batch);
            long now = done.addAndGet(batch.size());
            // About every tenth of a long copy, so that someone watching sees it move.
            if (total > PROGRESS_ABOVE && (now - shown.get() >= total / 10 || now == total)) {
                shown.set(now);
                io.out().printf("  %s: %,d of %,d%n", noun(kind, 2), now, total);
            }
        });
        return done.get();
    }

    private static Map<Class<? extends Record>, Long> counts(StoreRows rows) throws Exception {
        Map<Class<? extends Record>, Long> counts = new LinkedHashMap<>();
        for (Class<? extends Record> kind : StoreRows.KINDS) {
            counts.put(kind, rows.count(kind));
        }
        return counts;
    }

    /** "3 accounts, 1 room, 0 memberships, ...". */
    static String describe(Map<Class<? extends Record>, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(String.format("%,d %s", count, noun(kind, count))));
        return String.join(", ", parts);
    }

    private static String noun(Class<? extends Record> kind, long count) {
        String one = switch (kind.getSimpleName()) {
            case "AccountRow" -> "account";
            case "RoomRow" -> "room";
            case "MembershipRow" -> "membership";
            case "RoomBanRow" -> "room ban";
            case "InviteRow" -> "invite";
            case "ServerBanRow" -> "server ban";
            case "TokenRow" -> "resume token";
            case "PrivateRow" -> "private message";
            case "ReadMarkerRow" -> "read marker";
            case "HistoryRow" -> "history entry";
            default -> kind.getSimpleName();
        };
        if (count == 1) {
            return one;
        }
        return one.endsWith("y") ? one.substring(0, one.length() - 1) + "ies" : one + "s";
    }
}
