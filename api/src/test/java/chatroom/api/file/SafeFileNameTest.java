package chatroom.api.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeFileNameTest {
    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "report.pdf                 | report.pdf",
            "Ünïcødé 文件 😀.txt         | Ünïcødé 文件 😀.txt",
            "../../etc/passwd           | _._etc_passwd",
            "a/b                        | a_b",
            "a\\b                       | a_b",
            "/etc/shadow                | _etc_shadow",
            "C:\\Windows\\win.ini        | C__Windows_win.ini",
            "..                         | file",
            "...                        | file",
            "'.'                        | file",
            "''                         | file",
            "'   '                      | file",
            ".bashrc                    | bashrc",
            "'  spaced name.txt  '      | spaced name.txt",
            "trailing.                  | trailing",
            "a..b.txt                   | a.b.txt",
            "CON                        | _CON",
            "con.txt                    | _con.txt",
            "nul                        | _nul",
            "COM1.log                   | _COM1.log",
            "LPT9                       | _LPT9",
            "console.txt                | console.txt",
    })
    void makesOfferedNamesSafe(String offered, String expected) {
        assertEquals(expected, SafeFileName.of(offered));
    }

    @Test
    void replacesControlAndFormatCharacters() {
        assertEquals("evil_[31m_.txt", SafeFileName.of("evil\u001b[31m\u0007.txt"));
        assertEquals("line_break.txt", SafeFileName.of("line\nbreak.txt"));
        assertEquals("nul_byte", SafeFileName.of("nul\u0000byte"));
        // A right-to-left override would make "exe.txt" look like a text file.
        assertEquals("_txt.exe", SafeFileName.of("\u202Etxt.exe"));
        assertEquals("c1_x", SafeFileName.of("c1\u009Bx"));
        assertEquals("file", SafeFileName.of(null));
        assertEquals("what_______.txt", SafeFileName.of("what?<>|*:\".txt"));
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String safe = SafeFileName.of("文".repeat(300) + ".tar.gz");
        assertTrue(safe.endsWith(".gz"), safe);
        assertTrue(safe.getBytes(StandardCharsets.UTF_8).length <= SafeFileName.MAX_BYTES, safe);
        assertEquals("文".repeat(65) + ".gz", safe);
        assertEquals("a".repeat(SafeFileName.MAX_BYTES), SafeFileName.of("a".repeat(1000)));
    }
}
