package dev.rocket.os.linux;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviceNumberTest {

    @ParameterizedTest
    @CsvSource({
            "1, 3, 259",              // /dev/null
            "8, 17, 2065",            // /dev/sdb1
            "259, 0, 66304",          // first NVMe partition: a major above 255
            "4095, 1048575, 4294967295",
            "4096, 256, 17592187092992"
    })
    void encodesAsGlibcMakedevAndDecodesBack(int major, int minor, long dev) {
        DeviceNumber device = DeviceNumber.of(major, minor);

        assertEquals(dev, device.dev());
        assertEquals(device, DeviceNumber.fromDev(dev));
    }

    @ParameterizedTest
    @CsvSource({"0:31, 0, 31", "254:0, 254, 0"})
    void parsesTheMountinfoForm(String text, int major, int minor) {
        assertEquals(DeviceNumber.of(major, minor), DeviceNumber.parse(text));
        assertEquals(text, DeviceNumber.parse(text).toString());
    }
}
