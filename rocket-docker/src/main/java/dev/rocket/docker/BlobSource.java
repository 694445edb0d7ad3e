package dev.rocket.docker;

import dev.rocket.base.RocketException;

import java.nio.file.Path;

/** Where an image's manifests and blobs come from: a registry or an OCI image layout. */
interface BlobSource {

    /** A manifest (or index) by digest; its bytes are checked against the digest. */
    byte[] manifest(Digest digest) throws RocketException;

    /** A small blob (a config) in memory, checked against its digest. */
    byte[] blob(Digest digest, String what) throws RocketException;

    /**
     * Copies a blob (a layer) to {@code target}, checked against its digest and refused as soon as it grows
     * past {@code size} bytes (the size its descriptor announced); a mismatch leaves no file.
     */
    void copyBlob(Digest digest, long size, Path target, String what) throws RocketException;
}
