package chatroom.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The providers of one kind found on the module path (or class path), by name. A provider that fails to load is
 * skipped and reported in {@link #problems()}; two providers with the same name are an error, because which one
 * wins would depend on jar order.
 *
 * @param <P> the provider interface
 */
public final class Providers<P extends NamedProvider> {
    private final String kind;
    private final Map<String, P> byName;
    private final List<String> problems;

    // Package access for tests
    Providers(String kind, Iterator<P> found) {
        this.kind = kind;
        Map<String, P> providers = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        while (true) {
            P provider;
            try {
                if (!found.hasNext()) {
                    break;
                }
                provider = found.next();
            } catch (ServiceConfigurationError e) {
                failures.add("A " + kind + " could not be loaded and was skipped: " + e.getMessage());
                continue;
            }
            String name = provider.name();
            if (name == null || name.isBlank()) {
                failures.add("A " + kind + " has no name and was skipped: " + provider.getClass().getName());
                continue;
            }
            P previous = providers.putIfAbsent(name, provider);
            if (previous != null) {
                throw new IllegalStateException("Two " + kind + "s are named '" + name + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + ". Remove one of their jars from the module folder.");
            }
        }
        this.byName = Collections.unmodifiableMap(providers);
        this.problems = List.copyOf(failures);
    }

    /** Client transports. */
    public static Providers<ChatServiceProvider> transports() {
        return new Providers<>("transport", ServiceLoader.load(ChatServiceProvider.class).iterator());
    }

    /** User interfaces. */
    public static Providers<ChatUiProvider> interfaces() {
        return new Providers<>("UI", ServiceLoader.load(ChatUiProvider.class).iterator());
    }

    /** Server transports. */
    public static Providers<ServerTransportProvider> serverTransports() {
        return new Providers<>("server transport", ServiceLoader.load(ServerTransportProvider.class).iterator());
    }

    /** Operator consoles for a running server. */
    public static Providers<ServerConsoleProvider> consoles() {
        return new Providers<>("console", ServiceLoader.load(ServerConsoleProvider.class).iterator());
    }

    /** Extra subcommands of {@code chat}. */
    public static Providers<CommandProvider> commands() {
        return new Providers<>("command", ServiceLoader.load(CommandProvider.class).iterator());
    }

    /** Every provider found, in discovery order. */
    public List<P> all() {
        return List.copyOf(byName.values());
    }

    /** The names found, in discovery order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<P> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The provider with this name.
     *
     * @throws ProviderNotFoundException naming what exists and what to do
     */
    public P require(String name) throws ProviderNotFoundException {
        P provider = byName.get(name);
        if (provider == null) {
            throw new ProviderNotFoundException(notFoundMessage(name));
        }
        return provider;
    }

    /** The first available provider in the order of preference given, or the first available one found. */
    public Optional<P> preferred(List<String> order) {
        for (String name : order) {
            P provider = byName.get(name);
            if (provider != null && provider.isAvailable()) {
                return Optional.of(provider);
            }
        }
        return byName.values().stream().filter(NamedProvider::isAvailable).findFirst();
    }

    /** Loading problems worth telling the user about. */
    public List<String> problems() {
        return problems;
    }

    private String notFoundMessage(String name) {
        String installed = byName.isEmpty() ? "none" : String.join(", ", byName.keySet());
        return "No " + kind + " named '" + name + "'; installed: " + installed
                + ". Add its jar to the module folder or pick one of those.";
    }
}
