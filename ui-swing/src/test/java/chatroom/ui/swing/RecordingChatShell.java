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
    int roomPickerShown;
    int roomPickerHidden;
    boolean closed;
    /** What the file chooser answers. */
    Path chosenFile;
    final List<Path> openedFolders = new ArrayList<>();
    /** What a question for text answers ({@code null}: cancelled), and what a confirmation answers. */
    String answer;
    boolean confirmAnswer = true;
    /** Each question asked, in order; one for text ends with what it started from, in brackets. */
    final List<String> questions = new ArrayList<>();

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
    public void showRoomPicker(RoomPicker picker) {
        roomPickerShown++;
    }

    @Override
    public void hideRoomPicker() {
        roomPickerHidden++;
    }

    @Override
    public Optional<Path> chooseFile() {
        return Optional.ofNullable(chosenFile);
    }

    @Override
    public Optional<String> ask(String title, String question, String initial) {
        questions.add(question + " [" + initial + "]");
        return Optional.ofNullable(answer);
    }

    @Override
    public boolean confirm(String title, String question) {
        questions.add(question);
        return confirmAnswer;
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
