package chatroom.api.message;

import java.util.List;

/** The server's answer to {@link Hello}: its version, its limits and the optional features it offers. */
public record Welcome(int protocol, String server, Limits limits, List<String> features) implements ServerMessage {
    public static final String TYPE = "welcome";

    public Welcome {
        Fields.required(server, "server");
        Fields.present(limits, "limits");
        features = features == null ? List.of() : Fields.list(features, "features");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
