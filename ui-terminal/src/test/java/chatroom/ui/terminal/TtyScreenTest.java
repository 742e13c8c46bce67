package chatroom.ui.terminal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TtyScreenTest {
    private static final String CLEAR = "\r\033[2K";
    private static final String RAW = "-icanon -echo -iexten -isig -ixon -icrnl -inlcr min 1 time 0";

    private final TypedInput input = new TypedInput();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final FakeTty tty = new FakeTty();
    private final TtyScreen screen = new TtyScreen(input, new PrintStream(bytes, true, StandardCharsets.UTF_8),
            tty, Style.PLAIN);
    private final Inbox inbox = new Inbox();

    @AfterEach
    void close() {
        screen.close();
        input.end();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Output from now on. */
    private String outputAfter(Runnable action) {
        int before = bytes.size();
        action.run();
        return new String(bytes.toByteArray(), before, bytes.size() - before, StandardCharsets.UTF_8);
    }

    private void type(String text) {
        KeyDecoder decoder = new KeyDecoder(key -> screen.press(key, inbox));
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(b & 0xFF);
        }
    }

    @Test
    void altAndADigitSwitchesRoomsAndKeepsTheLineBeingTyped() throws InterruptedException {
        screen.prompt("> ");
        type("half a tho");
        type("\u001b2");
        type("ught\r");

        assertEquals("/2", inbox.nextLine());
        assertEquals("half a thought", inbox.nextLine());
    }

    @Test
    void startSavesTheSettingsEntersRawModeAndCloseRestoresThem() throws IOException {
        screen.start(inbox);
        assertEquals(List.of(RAW), tty.changes);
        screen.close();
        assertEquals(List.of(RAW, FakeTty.SAVED), tty.changes);
        assertTrue(output().endsWith(CLEAR), output());
    }

    @Test
    void aStatusLineStaysAboveTheInputAndEventsPassAboveBoth() {
        screen.prompt("> ");
        type("hi");
        String opened = outputAfter(() -> screen.status("[1] sending a.bin: 50%"));
        assertEquals(CLEAR + "[1] sending a.bin: 50%\r\n" + CLEAR + "> hi\r\033[4C", opened);
        String updated = outputAfter(() -> screen.status("[1] sending a.bin: 60%"));
        assertEquals("\r\033[1A\033[2K[1] sending a.bin: 60%\r\033[1B" + CLEAR + "> hi\r\033[4C", updated);
        assertEquals("", outputAfter(() -> screen.status("[1] sending a.bin: 60%")), "unchanged, not redrawn");
        String event = outputAfter(() -> screen.show("12:00:00 <bob> hi"));
        assertEquals(CLEAR + "\033[1A\033[2K12:00:00 <bob> hi\r\n[1] sending a.bin: 60%\r\n" + CLEAR
                + "> hi\r\033[4C", event);
        String closed = outputAfter(() -> screen.status(null));
        assertEquals(CLEAR + "\033[1A\033[2K" + CLEAR + "> hi\r\033[4C", closed);
    }

    @Test
    void aLongStatusLineIsCutToTheWidth() {
        tty.columns = 10;
        screen.prompt("> ");
        type("x\r"); // the width is asked again after a line
        String opened = outputAfter(() -> screen.status("文文文文文文文文"));
        assertTrue(opened.startsWith(CLEAR + "文文文文…\r\n"), opened);
    }

    @Test
    void anEventIsPrintedAboveTheLineBeingTyped() {
        screen.prompt("[alice · 2 online] > ");
        type("hé");
        String shown = outputAfter(() -> screen.show("12:00:00 <bob> hi"));
        assertEquals(CLEAR + "12:00:00 <bob> hi\r\n" + CLEAR + "[alice · 2 online] > hé\r\033[23C", shown);
    }

    @Test
    void cursorIsPlacedByColumnsForChinese() {
        screen.prompt("> ");
        type("你好");
        String redraw = outputAfter(() -> type("\u001b[D"));
        assertEquals(CLEAR + "> 你好\r\033[4C", redraw);
    }

    @Test
    void enterHandsTheLineToTheInboxAndClearsIt() throws InterruptedException {
        screen.prompt("> ");
        type("hello");
        String redraw = outputAfter(() -> type("\r"));
        assertEquals(CLEAR + "> \r\033[2C", redraw);
        assertEquals(new Happening.Typed("hello"), inbox.poll(0, TimeUnit.SECONDS));
    }

    @Test
    void aPasswordIsNotShownAndItsQuestionStaysOnScreen() throws InterruptedException {
        screen.ask("Password: ", true);
        String typing = outputAfter(() -> type("s3cret"));
        assertFalse(typing.contains("s3cret"), typing);
        assertTrue(typing.endsWith(CLEAR + "Password: \r\033[10C"), typing);
        String entered = outputAfter(() -> type("\r"));
        assertEquals("\r\n" + CLEAR + "\r", entered);
        assertEquals(new Happening.Typed("s3cret"), inbox.poll(0, TimeUnit.SECONDS));
        type("\u001b[A");
        assertTrue(output().endsWith(CLEAR + "\r"), "a password is never recalled");
    }

    @Test
    void ctrlDOnAnEmptyLineEndsInput() throws InterruptedException {
        screen.prompt("> ");
        type("\u0004");
        assertEquals(new Happening.InputEnded(), inbox.poll(0, TimeUnit.SECONDS));
    }

    @Test
    void keysAreReadFromTheTerminalOnTheirOwnThread() throws IOException, InterruptedException {
        screen.start(inbox);
        screen.prompt("> ");
        input.type("你好\r");
        assertEquals(new Happening.Typed("你好"), inbox.poll(10, TimeUnit.SECONDS));
        input.type("\u0003");
        assertEquals(new Happening.InputEnded(), inbox.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void theWidthIsAskedAgainAfterEachLine() throws InterruptedException {
        screen.prompt("> ");
        tty.columns = 12;
        type("x\r");
        inbox.poll(0, TimeUnit.SECONDS);
        String redraw = outputAfter(() -> type("abcdefghijklmnop"));
        assertTrue(redraw.endsWith(CLEAR + "> ijklmnop\r\033[10C"), redraw);
    }

    @Test
    void afterCloseNothingIsRedrawnAndKeysAreRefused() throws InterruptedException {
        screen.prompt("> ");
        screen.close();
        assertFalse(screen.press(new Key.Text('x'), inbox));
        String shown = outputAfter(() -> screen.show("bye"));
        assertEquals("bye\n", shown);
        assertNull(inbox.poll(0, TimeUnit.SECONDS));
    }
}
