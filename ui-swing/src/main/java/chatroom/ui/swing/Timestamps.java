package chatroom.ui.swing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes message times the way people read them: the time alone for today, the date as well for older days. */
final class Timestamps {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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
        boolean today = time.toLocalDate().equals(LocalDate.now(clock));
        return (today ? TODAY : EARLIER).format(time);
    }

    /** The time now, for notices this window writes itself. */
    long now() {
        return clock.millis();
    }
}
