package chatroom.ui.swing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stands in for the chat window's frame: records what the logic asked of it and answers the leave question. */
final class RecordingChatShell implements ChatShell {
    final List<String> titles = new ArrayList<>();
    boolean leaveAnswer = true;
    int leaveQuestions;
    int renameShown;
    int renameHidden;
    boolean closed;
    /** What the file chooser answers. */
    Path chosenFile;
    final List<Path> openedFolders = new ArrayList<>();
    /** What the topic question answers ({@code null}: cancelled), and each question asked, "room: current". */
    String topicAnswer;
    final List<String> topicQuestions = new ArrayList<>();

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
    public Optional<Path> chooseFile() {
        return Optional.ofNullable(chosenFile);
    }

    @Override
    public Optional<String> askTopic(String room, String current) {
        topicQuestions.add(room + ": " + current);
        return Optional.ofNullable(topicAnswer);
    }

    @Override
    public void openFolder(Path folder) {
        openedFolders.add(folder);
    }

    @Override
    public void close() {
        closed = true;
    }

    String title() {
        return titles.get(titles.size() - 1);
    }
}
