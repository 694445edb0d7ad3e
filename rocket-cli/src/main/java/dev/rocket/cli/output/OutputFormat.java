package dev.rocket.cli.output;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --format} values of rkt's listing commands. */
public enum OutputFormat {
    TABULAR("tabular"), JSON("json"), JSON_PRETTY("json-pretty");

    private final String flagValue;

    OutputFormat(String flagValue) {
        this.flagValue = flagValue;
    }

    public boolean isJson() {
        return this != TABULAR;
    }

    @Override
    public String toString() {
        return flagValue;
    }

    /** Parses the flag's spelling, naming the valid ones on error. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : values()) {
                if (format.flagValue.equals(value)) return format;
            }
            throw new TypeConversionException("unknown format \"" + value + "\" (valid: tabular, json, json-pretty)");
        }
    }
}
