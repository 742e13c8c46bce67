package chatroom.api.spi;

/** A transport that only has a name, for tests of provider lookup (in the style of JUnit's TestEngineStub). */
class ChatServiceProviderStub implements ChatServiceProvider {
    private final String name;
    private final boolean available;

    ChatServiceProviderStub(String name) {
        this(name, true);
    }

    ChatServiceProviderStub(String name, boolean available) {
        this.name = name;
        this.available = available;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Stub transport " + name;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public ChatService create(ConnectOptions options, ChatListener listener) {
        throw new UnsupportedOperationException("a stub connects nowhere");
    }

    @Override
    public String toString() {
        return name;
    }
}
