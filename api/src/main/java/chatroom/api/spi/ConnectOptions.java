package chatroom.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where and how a client connects. {@code host} and {@code port} name the server; {@code settings} carries the
 * options only some transports understand (UDP's {@code listen} and {@code peer}, say), by option name without
 * dashes, each with its values in the order given.
 */
public record ConnectOptions(String host, int port, Map<String, List<String>> settings) {
    /**
     * The setting with which a user interface that shows rooms asks for them ({@code "true"}): a transport that can
     * then speaks rooms ({@link ChatService#hasRooms()}), one that cannot ignores it.
     */
    public static final String ROOMS = "rooms";

    public ConnectOptions {
        // The lists too: a caller that reuses its lists must not change options already handed out.
        settings = settings.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, setting -> List.copyOf(setting.getValue())));
    }

    public ConnectOptions(String host, int port) {
        this(host, port, Map.of());
    }

    /** The value of a setting, when given; the last one when given more than once, as on a command line. */
    public Optional<String> setting(String key) {
        List<String> values = settings.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every value given for a setting, in order; empty when not given. */
    public List<String> settings(String key) {
        return settings.getOrDefault(key, List.of());
    }
}
