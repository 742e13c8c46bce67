package chatroom.ui.swing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes message times the way people read them: the time alone for today, the date as well for older days. */
final class Timestamps {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TODAY_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter EARLIER_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    Timestamps(Clock clock) {
        this.clock = clock;
    }

    static Timestamps systemDefault() {
        return new Timestamps(Clock.systemDefaultZone());
    }

    /** The time of {@code epochMillis} in this clock's zone. */
    String format(long epochMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(clock.getZone());
        return (isToday(time) ? TODAY : EARLIER).format(time);
    }

    /** As {@link #format}, to the second: for logs, where several events share a minute. */
    String formatWithSeconds(Instant instant) {
        ZonedDateTime time = instant.atZone(clock.getZone());
        return (isToday(time) ? TODAY_SECONDS : EARLIER_SECONDS).format(time);
    }

    private boolean isToday(ZonedDateTime time) {
        return time.toLocalDate().equals(LocalDate.now(clock));
    }

    /** The zone times are shown in. */
    ZoneId zone() {
        return clock.getZone();
    }

    /** The time now, for notices this window writes itself. */
    long now() {
        return clock.millis();
    }
}
