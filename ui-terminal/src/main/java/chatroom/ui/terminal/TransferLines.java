package chatroom.ui.terminal;

import chatroom.api.file.TransferText;
import chatroom.api.spi.FileTransfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the terminal shows of file transfers. Each gets a number, shown as {@code [1]}, that {@code /cancel} takes; a
 * line says when it starts and one when it ends. While transfers run, a TTY keeps one status line about them that
 * updates in place; plain output gets a progress line per transfer every {@link #PLAIN_EVERY_NANOS} instead.
 * Names come from strangers and pass through {@link SafeText}. Main thread only.
 */
final class TransferLines {
    /** How often plain output repeats a running transfer's progress. */
    static final long PLAIN_EVERY_NANOS = 2_000_000_000L;

    private static final class Shown {
        final int number;
        long lastLine;
        FileTransfer latest;

        Shown(int number, long lastLine, FileTransfer latest) {
            this.number = number;
            this.lastLine = lastLine;
            this.latest = latest;
        }
    }

    private final Style style;
    private final boolean inPlace;
    private final Map<String, Shown> shown = new LinkedHashMap<>();
    private int next = 1;

    /** @param inPlace whether the screen has a status line (a TTY) */
    TransferLines(Style style, boolean inPlace) {
        this.style = style;
        this.inPlace = inPlace;
    }

    /** The lines to print for this news about a transfer, oldest first; often none. */
    List<String> update(FileTransfer transfer, long nowNanos) {
        List<String> lines = new ArrayList<>();
        Shown known = shown.get(transfer.id());
        if (known == null) {
            known = new Shown(next++, nowNanos, transfer);
            shown.put(transfer.id(), known);
            if (!transfer.finished()) {
                lines.add(style.notice(started(known.number, transfer)));
            }
        } else if (!inPlace && !transfer.finished() && nowNanos - known.lastLine >= PLAIN_EVERY_NANOS) {
            known.lastLine = nowNanos;
            lines.add(style.notice(prefix(known.number) + title(transfer) + ": " + TransferText.progress(transfer)));
        }
        known.latest = transfer;
        if (transfer.finished()) {
            lines.add(ended(known.number, transfer));
        }
        return lines;
    }

    /** One line about every running transfer, or {@code null} when none runs. */
    String status() {
        List<String> parts = new ArrayList<>();
        for (Shown transfer : shown.values()) {
            FileTransfer latest = transfer.latest;
            if (!latest.finished()) {
                parts.add(prefix(transfer.number) + (latest.outgoing() ? "sending " : "receiving ")
                        + SafeText.of(latest.name()) + ": " + TransferText.progress(latest));
            }
        }
        return parts.isEmpty() ? null : String.join("  |  ", parts);
    }

    /** The id of transfer {@code [number]}, or of the newest running transfer for 0, while it runs. */
    Optional<String> running(int number) {
        String found = null;
        for (Map.Entry<String, Shown> entry : shown.entrySet()) {
            Shown transfer = entry.getValue();
            if (!transfer.latest.finished() && (number == 0 || transfer.number == number)) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private String started(int number, FileTransfer transfer) {
        String size = " (" + TransferText.size(transfer.size()) + ")";
        String cancel = " /cancel " + number + " stops it.";
        if (transfer.outgoing()) {
            return prefix(number) + "Sending " + SafeText.of(transfer.name()) + size + " to "
                    + (transfer.toRoom() ? "everyone" : SafeText.of(transfer.peer())) + "." + cancel;
        }
        String folder = transfer.file() == null || transfer.file().getParent() == null ? ""
                : "; saving it in " + SafeText.of(transfer.file().getParent().toString());
        return prefix(number) + SafeText.of(transfer.peer()) + " is sending " + (transfer.toRoom() ? "everyone"
                : "you") + " " + SafeText.of(transfer.name()) + size + folder + "." + cancel;
    }

    private String ended(int number, FileTransfer transfer) {
        String message = SafeText.of(transfer.message() == null ? transfer.state().toString() : transfer.message());
        String line = prefix(number) + (transfer.outgoing() ? "" : title(transfer) + ": ") + message;
        return transfer.state() == FileTransfer.State.FAILED ? style.error(line) : style.notice(line);
    }

    private static String title(FileTransfer transfer) {
        return transfer.outgoing() ? SafeText.of(transfer.name())
                : SafeText.of(transfer.name()) + " from " + SafeText.of(transfer.peer());
    }

    private static String prefix(int number) {
        return "[" + number + "] ";
    }
}
