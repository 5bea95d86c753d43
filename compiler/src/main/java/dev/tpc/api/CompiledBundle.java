package dev.tpc.api;

import java.nio.file.Path;

/**
 * One bundle a compile produced (or found up to date).
 *
 * @param source   the policy file, as shown to the user
 * @param document the document's position in that file, from 1
 * @param policy   the policy's name ({@code namespace/name} for namespaced policies)
 * @param file     the bundle file
 * @param sha256   the bundle's SHA-256, hex
 * @param upToDate true when the existing bundle was kept because nothing changed
 */
public record CompiledBundle(String source, int document, String policy, Path file, String sha256, boolean upToDate) {}
