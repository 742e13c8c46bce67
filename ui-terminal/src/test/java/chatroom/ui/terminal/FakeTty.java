package chatroom.ui.terminal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A terminal that only records what was asked of it. */
final class FakeTty implements Tty {
    static final String SAVED = "500:5:bf:8a3b:3:1c:7f:15:4:0:1:0";

    final List<String> changes = new CopyOnWriteArrayList<>();
    volatile int columns = 80;

    @Override
    public String settings() {
        return SAVED;
    }

    @Override
    public void change(String... arguments) {
        changes.add(String.join(" ", arguments));
    }

    @Override
    public int columns() {
        return columns;
    }
}
