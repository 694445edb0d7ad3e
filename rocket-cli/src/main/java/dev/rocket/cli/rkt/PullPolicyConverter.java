package dev.rocket.cli.rkt;

import dev.rocket.fetch.PullPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --pull-policy}: never, new or update. */
final class PullPolicyConverter implements ITypeConverter<PullPolicy> {

    @Override
    public PullPolicy convert(String value) {
        for (PullPolicy policy : PullPolicy.values()) {
            if (policy.flagValue().equals(value)) return policy;
        }
        throw new TypeConversionException("unknown pull policy \"" + value + "\" (valid: never, new, update)");
    }
}
