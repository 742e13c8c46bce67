/**
 * The chat room's shared contract: JSON wire messages, their codec and line framing, the service provider
 * interfaces through which transports and user interfaces plug in, the file handling every transport shares, and
 * the operator's console commands every server console shares.
 *
 * @uses chatroom.api.spi.ChatServiceProvider
 * @uses chatroom.api.spi.ChatUiProvider
 * @uses chatroom.api.spi.ServerTransportProvider
 * @uses chatroom.api.spi.ServerConsoleProvider
 * @uses chatroom.api.spi.CommandProvider
 */
module chatroom.api {
    requires com.google.gson;

    exports chatroom.api.message;
    exports chatroom.api.codec;
    exports chatroom.api.spi;
    exports chatroom.api.file;
    exports chatroom.api.rules;
    exports chatroom.api.console;

    uses chatroom.api.spi.ChatServiceProvider;
    uses chatroom.api.spi.ChatUiProvider;
    uses chatroom.api.spi.ServerTransportProvider;
    uses chatroom.api.spi.ServerConsoleProvider;
    uses chatroom.api.spi.CommandProvider;

    opens chatroom.api.message to com.google.gson;
}
