package dev.rocket.cli.rkt;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.trust.TrustDirectories;
import dev.rocket.pod.Pods;
import dev.rocket.net.NetworkSettings;
import dev.rocket.stage0.PodStarter;
import dev.rocket.stage0.RuntimeCleanup;
import dev.rocket.stage1.runtime.OciRuntimes;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;

import dev.rocket.fetch.AuthConfig;
import dev.rocket.fetch.HostRoutes;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.trust.ConfigLayer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** rkt's global flags (commands.md "Global Options"), accepted before or after any subcommand. */
public final class GlobalOptions {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print more debug information to stderr.")
    public boolean debug;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Path to the rkt data directory (default: ${DEFAULT-VALUE}).", defaultValue = "/var/lib/rkt")
    public Path dir;

    @Option(names = "--insecure-options", scope = ScopeType.INHERIT, paramLabel = "OPTIONS", split = ",",
            description = "Comma-separated security features to disable: none, http, image, tls, pubkey,"
                    + " capabilities, paths, seccomp, all-fetch, all-run, all.")
    public java.util.List<String> insecureOptions = new java.util.ArrayList<>();

    @Option(names = "--local-config", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "/etc/rkt",
            description = "Path to the local configuration directory (default: ${DEFAULT-VALUE}).")
    public Path localConfig;

    @Option(names = "--system-config", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "/usr/lib/rkt",
            description = "Path to the system configuration directory (default: ${DEFAULT-VALUE}).")
    public Path systemConfig;

    @Option(names = "--user-config", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Path to the user configuration directory.")
    public Path userConfig;

    /** The security checks switched off by {@code --insecure-options}. */
    public InsecureOptions insecure() throws RocketException {
        return InsecureOptions.parse(insecureOptions);
    }

    /** Where trusted keys live: {@code --system-config}, {@code --local-config} and {@code --user-config}. */
    public TrustDirectories trustDirectories() {
        return new TrustDirectories(systemConfig, localConfig, java.util.Optional.ofNullable(userConfig));
    }

    /** The pods under {@code --dir}. */
    public Pods pods() {
        return Pods.at(dir);
    }

    /** The OCI runtimes pods use, with their state under {@code --dir}. */
    public OciRuntimes ociRuntimes() {
        return OciRuntimes.under(dir);
    }

    /** What gc and rm release besides a pod's directory: the runtime's containers. */
    public RuntimeCleanup runtimeCleanup() {
        return new RuntimeCleanup(ociRuntimes());
    }

    /** stage0 of rkt run, prepare and run-prepared over {@code store}. */
    public PodStarter podStarter(ImageStore store, PrintWriter err) throws RocketException {
        return new PodStarter(store, CommandFetcher.imageSource(this, store, err), pods(), ociRuntimes(), NetworkSettings.of(localConfig, systemConfig, dir));
    }

    /** Opens the image store under {@code --dir}. */
    public ImageStore openStore() throws RocketException {
        return ImageStore.open(new StoreLayout(dir));
    }

    @Option(names = "--trust-keys-from-https", scope = ScopeType.INHERIT,
            description = "Automatically trust keys fetched from HTTPS.")
    public boolean trustKeysFromHttps;

    // Not rkt's: like curl's --connect-to, for trying a discovery setup (and for tests) without DNS.
    @Option(names = "--connect-to", scope = ScopeType.INHERIT, hidden = true, split = ",", paramLabel = "HOST[:PORT]=ADDRESS:PORT",
            description = "Connect to ADDRESS:PORT for URLs of HOST (repeatable).")
    public java.util.List<String> connectTo = new java.util.ArrayList<>();

    /** The HTTP(S) client of fetches: credentials from auth.d, routes from --connect-to. */
    public HttpDownloader http(InsecureOptions insecure) throws RocketException {
        List<Path> configs = new ArrayList<>();
        TrustDirectories dirs = trustDirectories();
        for (ConfigLayer layer : dirs.layers()) configs.add(dirs.config(layer));
        return HttpDownloader.withDefaults(insecure).with(HostRoutes.parse(connectTo), AuthConfig.read(configs));
    }
}
