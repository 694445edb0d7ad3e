/**
 * Digests and AES-GCM computed by the system's OpenSSL library through the FFM API, for the hashes of whole
 * images and the TLS of their downloads ({@link dev.rocket.os.crypto.OpenSslProvider}).
 */
package dev.rocket.os.crypto;
