/**
 * Digests computed by the system's OpenSSL library through the FFM API, for the hashes of whole images
 * ({@link dev.rocket.os.crypto.OpenSslDigests}).
 */
package dev.rocket.os.crypto;
