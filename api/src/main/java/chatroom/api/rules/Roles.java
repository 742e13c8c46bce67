package chatroom.api.rules;

import java.util.Set;

/**
 * The roles someone has in a room (protocol 2): its owner (who made it, or to whom it was handed), its operators
 * (who keep order), and its other members. Guests are members only: a role belongs to an account.
 */
public final class Roles {
    public static final String OWNER = "owner";
    public static final String OPERATOR = "operator";
    public static final String MEMBER = "member";
    private static final Set<String> ALL = Set.of(OWNER, OPERATOR, MEMBER);

    private Roles() {
    }

    public static boolean isRole(String role) {
        return ALL.contains(role);
    }
}
