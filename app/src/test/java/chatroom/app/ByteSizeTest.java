package chatroom.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSizeTest {
    private final ByteSize size = new ByteSize();

    @Test
    void readsBytesAndBinaryUnits() {
        assertEquals(0L, size.convert("0"));
        assertEquals(1_048_576L, size.convert("1048576"));
        assertEquals(512L * 1024, size.convert("512KiB"));
        assertEquals(100L * 1024 * 1024, size.convert("100MiB"));
        assertEquals(20L * 1024 * 1024, size.convert("20MB"));
        assertEquals(2L * 1024 * 1024 * 1024, size.convert("2g"));
        assertEquals(3L << 40, size.convert(" 3 TiB "));
    }

    @Test
    void refusesWhatIsNotASize() {
        assertEquals("'-1' is not a size; write it like 100MiB, 500KiB or 1048576.",
                assertThrows(TypeConversionException.class, () -> size.convert("-1")).getMessage());
        assertThrows(TypeConversionException.class, () -> size.convert("1.5MiB"));
        assertThrows(TypeConversionException.class, () -> size.convert("lots"));
        assertEquals("'9999999999TiB' is too large.",
                assertThrows(TypeConversionException.class, () -> size.convert("9999999999TiB")).getMessage());
    }
}
