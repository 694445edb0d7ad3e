package dev.rocket.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Converts {@code Path} options as picocli's built-in converter does, with its error message, but by a direct call:
 * the built-in one calls {@code Paths.get} through {@code Method.invoke}, which makes the JDK spin method-handle
 * classes at every start (each rkt command has {@code Path} defaults such as {@code --dir}).
 */
final class PathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        try {
            return Paths.get(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException(String.format("cannot convert '%s' to %s (%s)", value, Path.class, e));
        }
    }
}
