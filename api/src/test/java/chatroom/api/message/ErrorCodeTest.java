package chatroom.api.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorCodeTest {
    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void readsBackItsWireName(ErrorCode code) {
        assertEquals(code, ErrorCode.fromWireName(code.wireName()));
    }

    @Test
    void writesLowerCaseWithUnderscores() {
        assertEquals("wrong_password", ErrorCode.WRONG_PASSWORD.wireName());
        assertEquals("line_too_long", ErrorCode.LINE_TOO_LONG.wireName());
        assertEquals("bad_json", ErrorCode.BAD_JSON.wireName());
    }

    @Test
    void writesTheSameNamesInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            // Turkish lower-cases I to a dotless ı.
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("invalid_name", ErrorCode.INVALID_NAME.wireName());
            assertEquals(ErrorCode.INVALID_NAME, ErrorCode.fromWireName("invalid_name"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "quota_exceeded", "WRONG_PASSWORD", "wrong password", " wrong_password"})
    void readsACodeItDoesNotKnowAsUnknown(String wireName) {
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.fromWireName(wireName));
    }
}
