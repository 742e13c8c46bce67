package chatroom.api.rules;

import chatroom.api.message.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamesTest {
    private final Names names = new Names(32);

    @ParameterizedTest
    @ValueSource(strings = {"alice", "x", "Bob_the-builder.2", "张伟", "José", "नमस्ते", "Ωmega", "١٢٣",
            "abcdefghijklmnopqrstuvwxyz012345"})
    void lettersDigitsAndAFewMarksFromAnyScriptAreAllowed(String name) {
        assertEquals(Optional.empty(), names.check(Names.canonical(name)));
    }

    @Test
    void combiningMarksBelongToTheirLetter() {
        assertEquals(Optional.empty(), names.check("Jose\u0301"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnopqrstuvwxyz0123456"})
    void aNameHasOneToMaxLengthCharacters(String name) {
        assertEquals(Optional.of(new Refusal(ErrorCode.INVALID_NAME, "A name has 1 to 32 characters.")),
                names.check(name));
    }

    @Test
    void theLengthCountsCharactersNotUtf16Units() {
        assertEquals(Optional.empty(), names.check("𠀀".repeat(32)));
        assertEquals(Optional.of(new Refusal(ErrorCode.INVALID_NAME, "A name has 1 to 32 characters.")),
                names.check("𠀀".repeat(33)));
        assertEquals(Optional.of(new Refusal(ErrorCode.INVALID_NAME, "A name has 1 to 5 characters.")),
                new Names(5).check("abcdef"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "alice smith", "<b>", "a/b", "x@y", "semi;colon", "new\nline", "😀", "a\u200bb",
            "quote'"})
    void anythingElseIsInvalid(String name) {
        assertEquals(Optional.of(new Refusal(ErrorCode.INVALID_NAME,
                "A name may contain only letters, digits, '_', '-' and '.'.")), names.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "SERVER", "Admin", "administrator", "root", "System", "operator", "moderator",
            "chatroom", "announcement", "announcements", "公告", "系统", "管理员", "服务器", "ＲＯＯＴ"})
    void serverNamesAreReservedInAnyCase(String name) {
        assertEquals(Optional.of(new Refusal(ErrorCode.RESERVED_NAME, "The name '" + name + "' is reserved.")),
                names.check(name));
    }

    @Test
    void keysIgnoreCaseWidthAndComposition() {
        assertEquals("alice", Names.key("ALICE"));
        assertEquals("alice", Names.key("Ａｌｉｃｅ"));
        assertEquals(Names.key("José"), Names.key("JOSE\u0301"));
        assertEquals("张伟", Names.key("张伟"));
    }

    @Test
    void theCanonicalFormIsComposedButKeepsCaseAndWidth() {
        assertEquals("José", Names.canonical("Jose\u0301"));
        assertEquals("Ａｌｉｃｅ", Names.canonical("Ａｌｉｃｅ"));
        assertEquals("ALICE", Names.canonical("ALICE"));
    }
}
