package dev.rocket.spec.aci;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * How an image archive is compressed (aci.md: plain tar, gzip, bzip2 or xz), told by the first bytes of
 * the file, never by its name.
 */
public enum AciCompression {
    NONE(new byte[0]),
    GZIP(new byte[]{0x1f, (byte) 0x8b}),
    BZIP2(new byte[]{'B', 'Z', 'h'}),
    XZ(new byte[]{(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00});

    /** A hostile xz header can ask for gigabytes of dictionary; real images use far less than this. */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    /** Enough bytes to tell every format apart. */
    public static final int MAGIC_LENGTH = 6;

    private final byte[] magic;

    AciCompression(byte[] magic) {
        this.magic = magic;
    }

    /** The compression whose magic number starts {@code head}; {@link #NONE} when none does. */
    public static AciCompression detect(byte[] head) {
        for (AciCompression compression : values()) {
            if (compression != NONE && head.length >= compression.magic.length
                    && Arrays.equals(head, 0, compression.magic.length, compression.magic, 0, compression.magic.length)) {
                return compression;
            }
        }
        return NONE;
    }

    /** Detects the compression of a stream without consuming it; the stream must support mark/reset. */
    public static AciCompression detect(BufferedInputStream in) throws IOException {
        in.mark(MAGIC_LENGTH);
        byte[] head = in.readNBytes(MAGIC_LENGTH);
        in.reset();
        return detect(head);
    }

    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
        };
    }

    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options());
        };
    }

    /** The spelling of {@code actool build --compression}. */
    public String flagValue() {
        return this == NONE ? "none" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
