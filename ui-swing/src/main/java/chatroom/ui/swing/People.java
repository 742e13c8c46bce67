package chatroom.ui.swing;

import javax.swing.DefaultListModel;
import javax.swing.ListModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Who is online, as the client model lists them; changed in place, so a name the user selected stays selected. */
final class People {
    private final DefaultListModel<String> names = new DefaultListModel<>();

    ListModel<String> model() {
        return names;
    }

    /** The list's heading, with the count. */
    String title() {
        return "Online (" + names.size() + ")";
    }

    /** Shows these members, in their order. */
    void show(List<String> members) {
        Set<String> kept = new HashSet<>(members);
        for (int i = names.size() - 1; i >= 0; i--) {
            if (!kept.contains(names.get(i))) {
                names.remove(i);
            }
        }
        for (int i = 0; i < members.size(); i++) {
            if (i >= names.size() || !names.get(i).equals(members.get(i))) {
                names.add(i, members.get(i));
            }
        }
    }

    void clear() {
        names.clear();
    }

    List<String> names() {
        List<String> copy = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            copy.add(names.get(i));
        }
        return copy;
    }
}
