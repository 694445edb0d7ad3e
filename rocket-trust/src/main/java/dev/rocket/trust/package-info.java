/**
 * rkt's trust model: a store of OpenPGP public keys trusted for image name prefixes ({@link
 * dev.rocket.trust.TrustStore}), the description of a key file for {@code rkt trust} ({@link
 * dev.rocket.trust.OpenPgpKey}), and the check of an image's detached signature ({@link
 * dev.rocket.trust.SignatureVerifier}). Bouncy Castle's lightweight API does the cryptography; no JCA provider
 * is registered. Nothing here prints or prompts.
 */
package dev.rocket.trust;
