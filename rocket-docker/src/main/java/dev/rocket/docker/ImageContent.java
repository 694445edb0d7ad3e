package dev.rocket.docker;

import java.util.List;

/**
 * An image ready to convert: its naming, the config's bytes and digest (both checked), and its layers on
 * local disk, lowest first (each blob checked against its digest).
 */
record ImageContent(ImageNaming naming, byte[] config, Digest configDigest, List<LayerFile> layers) {
}
