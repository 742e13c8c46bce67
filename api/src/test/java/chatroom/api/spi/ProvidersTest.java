package chatroom.api.spi;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.ServiceConfigurationError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProvidersTest {
    private final ChatServiceProviderStub tcp = new ChatServiceProviderStub("tcp");
    private final ChatServiceProviderStub udp = new ChatServiceProviderStub("udp");

    @Test
    void listsNamesInDiscoveryOrder() {
        Providers<ChatServiceProvider> providers = transports(udp, tcp);

        assertEquals(List.of("udp", "tcp"), providers.names());
        assertEquals(List.of(udp, tcp), providers.all());
        assertEquals(List.of(), providers.problems());
    }

    @Test
    void givesListsThatCannotBeChanged() {
        Providers<ChatServiceProvider> providers = transports(tcp);

        assertThrows(UnsupportedOperationException.class, () -> providers.names().add("quic"));
        assertThrows(UnsupportedOperationException.class, () -> providers.all().clear());
        assertThrows(UnsupportedOperationException.class, () -> providers.problems().add("x"));
    }

    @Test
    void findsByName() {
        Providers<ChatServiceProvider> providers = transports(tcp, udp);

        assertEquals(Optional.of(udp), providers.find("udp"));
        assertEquals(Optional.empty(), providers.find("quic"));
        assertEquals(Optional.empty(), providers.find("TCP"));
    }

    @Test
    void requiresByName() throws Exception {
        assertSame(tcp, transports(tcp, udp).require("tcp"));
    }

    @Test
    void saysWhatIsInstalledWhenRequiredOneIsMissing() {
        ProviderNotFoundException e = assertThrows(ProviderNotFoundException.class,
                () -> transports(tcp, udp).require("quic"));

        assertEquals("No transport named 'quic'; installed: tcp, udp. Add its jar to the module folder or pick one of "
                + "those.", e.getMessage());
    }

    @Test
    void saysNoneIsInstalled() {
        ProviderNotFoundException e = assertThrows(ProviderNotFoundException.class, () -> transports().require("tcp"));

        assertEquals("No transport named 'tcp'; installed: none. Add its jar to the module folder or pick one of "
                + "those.", e.getMessage());
        assertEquals(List.of(), transports().names());
    }

    @Test
    void refusesTwoProvidersWithOneName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> transports(tcp, udp, new RivalTransport("tcp")));

        assertEquals("Two transports are named 'tcp': chatroom.api.spi.ChatServiceProviderStub and "
                + "chatroom.api.spi.ProvidersTest$RivalTransport. Remove one of their jars from the module folder.",
                e.getMessage());
    }

    @Test
    void skipsAProviderThatFailsToLoad() throws Exception {
        ServiceConfigurationError broken = new ServiceConfigurationError(
                "chatroom.api.spi.ChatServiceProvider: Provider com.example.QuicTransport could not be instantiated");
        Providers<ChatServiceProvider> providers = new Providers<>("transport",
                new Discovery(List.of(tcp, broken, udp), false));

        assertEquals(List.of("tcp", "udp"), providers.names());
        assertSame(udp, providers.require("udp"));
        assertEquals(List.of("A transport could not be loaded and was skipped: chatroom.api.spi.ChatServiceProvider: "
                + "Provider com.example.QuicTransport could not be instantiated"), providers.problems());
    }

    @Test
    void skipsAProviderThatFailsWhileLookingForIt() {
        ServiceConfigurationError broken = new ServiceConfigurationError(
                "chatroom.api.spi.ChatServiceProvider: Provider com.example.QuicTransport not found");
        Providers<ChatServiceProvider> providers = new Providers<>("transport",
                new Discovery(List.of(broken, tcp, broken), true));

        assertEquals(List.of("tcp"), providers.names());
        assertEquals(2, providers.problems().size());
        assertEquals("A transport could not be loaded and was skipped: chatroom.api.spi.ChatServiceProvider: "
                + "Provider com.example.QuicTransport not found", providers.problems().get(0));
    }

    @Test
    void skipsAProviderWithoutAName() {
        Providers<ChatServiceProvider> providers = transports(new RivalTransport(null), tcp, new RivalTransport(" "));

        assertEquals(List.of("tcp"), providers.names());
        assertEquals(List.of(
                "A transport has no name and was skipped: chatroom.api.spi.ProvidersTest$RivalTransport",
                "A transport has no name and was skipped: chatroom.api.spi.ProvidersTest$RivalTransport"),
                providers.problems());
    }

    @Test
    void prefersTheFirstAvailableInTheGivenOrder() {
        ChatServiceProviderStub swing = new ChatServiceProviderStub("swing", false);
        ChatServiceProviderStub terminal = new ChatServiceProviderStub("terminal");
        ChatServiceProviderStub plain = new ChatServiceProviderStub("plain");
        Providers<ChatServiceProvider> providers = transports(plain, swing, terminal);

        assertEquals(Optional.of(terminal), providers.preferred(List.of("swing", "terminal", "plain")));
        assertEquals(Optional.of(plain), providers.preferred(List.of("gtk", "plain", "terminal")));
    }

    @Test
    void fallsBackToTheFirstAvailableFound() {
        ChatServiceProviderStub swing = new ChatServiceProviderStub("swing", false);
        ChatServiceProviderStub terminal = new ChatServiceProviderStub("terminal");
        Providers<ChatServiceProvider> providers = transports(swing, terminal);

        assertEquals(Optional.of(terminal), providers.preferred(List.of("swing", "gtk")));
        assertEquals(Optional.of(terminal), providers.preferred(List.of()));
    }

    @Test
    void prefersNothingWhenNothingIsAvailable() {
        Providers<ChatServiceProvider> providers = transports(new ChatServiceProviderStub("swing", false));

        assertEquals(Optional.empty(), providers.preferred(List.of("swing")));
        assertEquals(Optional.empty(), transports().preferred(List.of("tcp")));
    }

    @Test
    void namesEachKindInMessages() {
        // Nothing in the api module provides any of them.
        assertEquals("No transport named 'quic'; installed: none. Add its jar to the module folder or pick one of those.",
                assertThrows(ProviderNotFoundException.class, () -> Providers.transports().require("quic")).getMessage());
        assertEquals("No UI named 'gtk'; installed: none. Add its jar to the module folder or pick one of those.",
                assertThrows(ProviderNotFoundException.class, () -> Providers.interfaces().require("gtk")).getMessage());
        assertEquals("No server transport named 'quic'; installed: none. Add its jar to the module folder or pick one "
                        + "of those.",
                assertThrows(ProviderNotFoundException.class,
                        () -> Providers.serverTransports().require("quic")).getMessage());
        assertEquals("No console named 'web'; installed: none. Add its jar to the module folder or pick one of those.",
                assertThrows(ProviderNotFoundException.class, () -> Providers.consoles().require("web")).getMessage());
        assertEquals("No command named 'bench'; installed: none. Add its jar to the module folder or pick one of those.",
                assertThrows(ProviderNotFoundException.class, () -> Providers.commands().require("bench")).getMessage());
    }

    private static Providers<ChatServiceProvider> transports(ChatServiceProvider... found) {
        return new Providers<>("transport", List.of(found).iterator());
    }

    /** A second class, so that a clash names two. */
    static final class RivalTransport extends ChatServiceProviderStub {
        RivalTransport(String name) {
            super(name);
        }
    }

    /**
     * Hands out providers the way {@link java.util.ServiceLoader}'s iterator does: a provider that cannot be loaded
     * fails {@code next()} (or {@code hasNext()}) once, and the iteration goes on past it.
     */
    private static final class Discovery implements Iterator<ChatServiceProvider> {
        private final List<Object> found;
        private final boolean failInHasNext;
        private int next;

        Discovery(List<Object> found, boolean failInHasNext) {
            this.found = found;
            this.failInHasNext = failInHasNext;
        }

        @Override
        public boolean hasNext() {
            if (failInHasNext && next < found.size() && found.get(next) instanceof ServiceConfigurationError e) {
                next++;
                throw e;
            }
            return next < found.size();
        }

        @Override
        public ChatServiceProvider next() {
            if (next >= found.size()) {
                throw new NoSuchElementException();
            }
            Object item = found.get(next++);
            if (item instanceof ServiceConfigurationError e) {
                throw e;
            }
            return (ChatServiceProvider) item;
        }
    }
}
