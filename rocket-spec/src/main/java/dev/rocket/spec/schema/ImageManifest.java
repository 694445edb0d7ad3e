package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcKind;
import dev.rocket.spec.types.AcVersion;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.Dependency;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.PathWhitelist;

import java.util.List;
import java.util.Optional;

/** The manifest of an App Container Image (aci.md "Image Manifest Schema"). */
public record ImageManifest(AcVersion acVersion, AcIdentifier name, Labels labels, Optional<App> app,
                            Annotations annotations, List<Dependency> dependencies, PathWhitelist pathWhitelist)
        implements Manifest {

    public ImageManifest {
        dependencies = List.copyOf(dependencies);
        if (acVersion == null || name == null || labels == null || app == null || annotations == null
                || pathWhitelist == null) {
            throw new IllegalArgumentException("use empty values, not null, for absent manifest fields");
        }
    }

    /** A manifest of the current specification version with only a name. */
    public static ImageManifest of(AcIdentifier name) {
        return new ImageManifest(AcVersion.CURRENT, name, Labels.NONE, Optional.empty(), Annotations.NONE,
                List.of(), PathWhitelist.NONE);
    }

    /**
     * Parses untrusted JSON strictly, reporting every violation found with its JSON path. Fields the
     * specification does not define are ignored.
     */
    public static ImageManifest parse(String json) throws SpecException {
        return new ManifestReader().imageManifest(ManifestJson.read(json));
    }

    @Override
    public AcKind acKind() {
        return AcKind.IMAGE_MANIFEST;
    }

    @Override
    public String toJson(boolean pretty) {
        return ManifestJson.write(ManifestWriter.imageManifest(this), pretty);
    }

    public ImageManifest withApp(App newApp) {
        return new ImageManifest(acVersion, name, labels, Optional.of(newApp), annotations, dependencies, pathWhitelist);
    }

    public ImageManifest withLabels(Labels newLabels) {
        return new ImageManifest(acVersion, name, newLabels, app, annotations, dependencies, pathWhitelist);
    }

    public ImageManifest withAnnotations(Annotations newAnnotations) {
        return new ImageManifest(acVersion, name, labels, app, newAnnotations, dependencies, pathWhitelist);
    }

    public ImageManifest withDependencies(List<Dependency> newDependencies) {
        return new ImageManifest(acVersion, name, labels, app, annotations, newDependencies, pathWhitelist);
    }

    public ImageManifest withPathWhitelist(PathWhitelist newPathWhitelist) {
        return new ImageManifest(acVersion, name, labels, app, annotations, dependencies, newPathWhitelist);
    }
}
