package dev.rocket.spec.aci;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extended attributes in PAX headers. Text values are written as {@code SCHILY.xattr.NAME} (GNU tar's and
 * Go's form); values that are not UTF-8 text, such as {@code security.capability}, as libarchive's
 * {@code LIBARCHIVE.xattr.NAME} with a base64 value, since a PAX record read as UTF-8 would corrupt them.
 */
final class PaxXattrs {

    static final String SCHILY = "SCHILY.xattr.";
    static final String LIBARCHIVE = "LIBARCHIVE.xattr.";

    private PaxXattrs() {
    }

    static Map<String, String> toPax(Map<String, byte[]> xattrs) {
        Map<String, String> headers = new LinkedHashMap<>();
        xattrs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(xattr -> {
            String text = utf8(xattr.getValue());
            if (text != null && text.indexOf('\0') < 0) {
                headers.put(SCHILY + xattr.getKey(), text);
            } else {
                headers.put(LIBARCHIVE + xattr.getKey(), Base64.getEncoder().encodeToString(xattr.getValue()));
            }
        });
        return headers;
    }

    static Map<String, byte[]> fromPax(Map<String, String> paxHeaders) {
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        paxHeaders.forEach((key, value) -> {
            if (key.startsWith(SCHILY)) {
                xattrs.put(key.substring(SCHILY.length()), value.getBytes(StandardCharsets.UTF_8));
            } else if (key.startsWith(LIBARCHIVE)) {
                try {
                    xattrs.put(key.substring(LIBARCHIVE.length()), Base64.getDecoder().decode(value));
                } catch (IllegalArgumentException e) {
                    // not base64: keep the text as written rather than drop the attribute
                    xattrs.put(key.substring(LIBARCHIVE.length()), value.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        return xattrs;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
