package dev.rocket.cli.actool;

import dev.rocket.spec.aci.AciCompression;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --compression}: gzip, bzip2, xz or none. */
final class CompressionConverter implements ITypeConverter<AciCompression> {

    @Override
    public AciCompression convert(String value) {
        for (AciCompression compression : AciCompression.values()) {
            if (compression.flagValue().equals(value)) return compression;
        }
        throw new TypeConversionException("unknown compression \"" + value + "\" (valid: gzip, bzip2, xz, none)");
    }
}
