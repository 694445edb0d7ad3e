package dev.rocket.fetch;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.tree.PassRender;
import dev.rocket.trust.SignatureVerifier;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Reads an image archive exactly once and does everything a fetch needs on the way, on three threads: the bytes
 * as they come feed the signature check (see {@link ReadAheadInputStream}); the uncompressed tar is hashed into
 * the image ID and copied to the store's temp file (see {@link HashingBlobWriter}); and on the caller's thread
 * the {@link AciReader} checks every entry and keeps the manifest, and, for a fetch that renders, each entry is
 * written into a staged tree too.
 */
final class SinglePassImport {

    private static final int BUFFER = 1 << 17;

    /** What the pass learnt; the signature's verdict is the caller's, once it knows the image's name. */
    record Result(ImageManifest manifest, ImageId id) {
    }

    /** The tar could not be written to the store (rather than read from the image). */
    static final class StoreWriteException extends IOException {
        StoreWriteException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private SinglePassImport() {
    }

    /**
     * @param raw       the image as downloaded or as on disk (compressed or not); read to its end, not closed
     * @param signature the started signature check, fed every byte of {@code raw}
     * @param tar       receives the uncompressed tar
     * @param render    also writes each entry into a staged tree, when the fetch renders (see {@link PassRender})
     * @throws SpecException       when the archive breaks a rule or is not an image
     * @throws StoreWriteException when {@code tar} fails
     */
    static Result read(InputStream raw, Optional<SignatureVerifier.Pending> signature, OutputStream tar,
                       Optional<PassRender> render) throws SpecException, IOException {
        try (ReadAheadInputStream signed = new ReadAheadInputStream(raw,
                chunk -> signature.ifPresent(pending -> pending.update(chunk, 0, chunk.length)));
             HashingBlobWriter blob = new HashingBlobWriter(tar)) {
            BufferedInputStream buffered = new BufferedInputStream(signed, BUFFER);
            CopiedBytes copied;
            try {
                copied = new CopiedBytes(AciCompression.detect(buffered).decompress(buffered), blob);
            } catch (IOException e) {
                throw new SpecException("archive", null, "not a readable image archive: " + e.getMessage());
            }
            ImageManifest manifest;
            // The reader checks every entry; the image ID is hashed by the blob writer, over the bytes it stores.
            try (AciReader reader = AciReader.openKnown(new BufferedInputStream(copied, BUFFER))) {
                for (AciEntry entry; (entry = reader.next()) != null; ) {
                    // every entry is checked; the manifest is kept
                    if (render.isPresent()) render.get().accept(entry, reader);
                }
                manifest = AciReader.parseManifest(reader.manifest());
                // The signature covers the file as signed, including anything after the archive's end.
                signed.transferTo(OutputStream.nullOutputStream());
            } catch (SpecException e) {
                if (copied.failure != null) throw new StoreWriteException(copied.failure);
                throw e;
            }
            if (copied.failure != null) throw new StoreWriteException(copied.failure);
            ImageId id;
            try {
                id = blob.finish();
            } catch (IOException e) {
                throw new StoreWriteException(e);
            }
            return new Result(manifest, id);
        }
    }

    /** Skipping must not bypass the hashing and copying: the skipped bytes are read. */
    private static long skipByReading(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(BUFFER, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) break;
            skipped += read;
        }
        return skipped;
    }

    /** Copies every byte read to the store; remembers a write failure, which the archive reader would hide. */
    private static final class CopiedBytes extends FilterInputStream {
        private final HashingBlobWriter copy;
        IOException failure;

        CopiedBytes(InputStream in, HashingBlobWriter copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (failure != null) throw failure;
            int n = in.read(bytes, offset, length);
            if (n > 0) {
                try {
                    copy.write(bytes, offset, n);
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return skipByReading(this, n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
