package dev.tpc.bundle;

import dev.tpc.encode.EncodedHook;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointTable;
import dev.tpc.yaml.MappingNode;
import java.util.List;
import java.util.Optional;

/**
 * What {@link BundleWriter} turns into a bundle: one policy document, compiled for each target.
 *
 * @param sourceName   the policy file's name without directories
 * @param sourceSha256 SHA-256 of the policy file's bytes
 * @param document     the document's position in the file, from 1
 * @param defaulted    the document after Tetragon's defaults (becomes policy.json)
 * @param mode         the policy's mode
 * @param targets      per target, in the order requested
 * @param tool         the versions the manifest names
 */
public record BundleInput(Tool tool, String sourceName, String sourceSha256, int document, String kind, String name,
                          String namespace, PolicyMode mode, Arch arch, MappingNode defaulted, List<Target> targets) {
    public BundleInput {
        targets = List.copyOf(targets);
    }

    /** The tpc version that compiles, and the Tetragon version and commit it models. */
    public record Tool(String version, String tetragonSchemaVersion, String tetragonCommit) {}

    /** One target: its profile, the tracepoint formats lowering used, and the encoded hooks. */
    public record Target(TargetProfile profile, Optional<TracepointTable> tracepoints, List<Hook> hooks) {
        public Target {
            hooks = List.copyOf(hooks);
        }
    }

    /** One encoded attach point with what its events carry from the policy. */
    public record Hook(EncodedHook encoded, String message, List<String> tags) {
        public Hook {
            message = message == null ? "" : message;
            tags = List.copyOf(tags);
        }
    }
}
