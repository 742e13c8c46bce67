package chatroom.api.file;

import chatroom.api.spi.FileTransfer;

import java.util.Locale;

/** How sizes, speeds and time left read for people, the same in every user interface. */
public final class TransferText {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private TransferText() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 8.1 MiB/s}. */
    public static String speed(long bytesPerSecond) {
        return size(bytesPerSecond) + "/s";
    }

    /** {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    /** A running transfer's progress: {@code 12.0 MiB of 20.0 MiB (60%) · 8.1 MiB/s · 1 s left}. */
    public static String progress(FileTransfer transfer) {
        StringBuilder text = new StringBuilder(size(transfer.bytes())).append(" of ").append(size(transfer.size()))
                .append(" (").append(transfer.percent()).append("%)");
        if (transfer.bytesPerSecond() > 0) {
            text.append(" · ").append(speed(transfer.bytesPerSecond()));
            text.append(" · ").append(duration(transfer.secondsLeft())).append(" left");
        }
        return text.toString();
    }
}
