package chatroom.ui.swing;

import java.util.ArrayList;
import java.util.List;

/** Stands in for the chat window's frame: records what the logic asked of it and answers the leave question. */
final class RecordingChatShell implements ChatShell {
    final List<String> titles = new ArrayList<>();
    boolean leaveAnswer = true;
    int leaveQuestions;
    int renameShown;
    int renameHidden;
    boolean closed;

    @Override
    public void title(String title) {
        titles.add(title);
    }

    @Override
    public boolean confirmLeave() {
        leaveQuestions++;
        return leaveAnswer;
    }

    @Override
    public void showRename(RenameForm form) {
        renameShown++;
    }

    @Override
    public void hideRename() {
        renameHidden++;
    }

    @Override
    public void close() {
        closed = true;
    }

    String title() {
        return titles.get(titles.size() - 1);
    }
}
