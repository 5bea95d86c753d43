package dev.tpc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.encode.EncodeResult;
import dev.tpc.encode.EncodedHook;
import dev.tpc.encode.Encoder;
import dev.tpc.encode.EncodingVariant;
import dev.tpc.encode.Layout;
import dev.tpc.encode.MapContents;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.testing.SharedData;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** encode → decode → the normal form of the lowered policy, on every corpus policy tpc can encode. */
class RoundTripTest {

    @Test
    void everyEncodableCorpusHookDecodesToItsNormalForm() throws Exception {
        Path upstream = SharedData.require().resolve("corpus/upstream");
        List<Path> files;
        try (Stream<Path> s = Files.walk(upstream)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        int hooks = 0;
        int policies = 0;
        List<String> failures = new ArrayList<>();
        for (String kernel : List.of("5.10", "6.1", "6.12", "7.2")) {
            TargetProfile profile = TargetProfiles.named(kernel).orElseThrow();
            EncodingVariant variant = EncodingVariant.of(profile);
            for (Path f : files) {
                Optional<TracingPolicy> policy = policy(f, upstream.relativize(f).toString());
                if (policy.isEmpty()) {
                    continue;
                }
                LoweredPolicy lowered = Lowering.lower(policy.get(), LoweringTarget.of(profile));
                List<EncodeResult> results = Encoder.encodeAll(lowered.attachPoints(), variant, Layout.SINGLE_HOOK);
                boolean any = false;
                for (int i = 0; i < results.size(); i++) {
                    if (!(results.get(i) instanceof EncodeResult.Encoded e)) {
                        continue;
                    }
                    any = true;
                    hooks++;
                    AttachPoint ap = lowered.attachPoints().get(i);
                    Decoder.Result back = Decoder.decode(Decoder.Input.of(e.hook()));
                    if (!(back instanceof Decoder.Result.Decoded d)) {
                        failures.add(kernel + " " + f.getFileName() + " " + ap.name() + ": " + back);
                    } else if (!d.hook().equals(Decoder.expected(ap))) {
                        failures.add(kernel + " " + f.getFileName() + " " + ap.name() + ":\n  expected " + Decoder.expected(ap)
                                + "\n  decoded  " + d.hook());
                    }
                }
                policies += any ? 1 : 0;
            }
        }
        System.out.println("round trip: " + hooks + " hooks of " + policies + " (policy, kernel) pairs decoded to their normal form");
        assertTrue(hooks > 500, "the corpus has hundreds of encodable hooks");
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void tamperedBytesAreReportedNotThrown() throws Exception {
        Path upstream = SharedData.require().resolve("corpus/upstream");
        TracingPolicy p = policy(upstream.resolve("examples/policylibrary/bpf.yaml"), "bpf.yaml").orElseThrow();
        TargetProfile profile = TargetProfiles.named("6.1").orElseThrow();
        LoweredPolicy lowered = Lowering.lower(p, LoweringTarget.of(profile));
        EncodedHook h = lowered.attachPoints().stream()
                .map(ap -> ((EncodeResult.Encoded) Encoder.encode(ap, EncodingVariant.of(profile))).hook())
                .filter(x -> !x.maps().isEmpty()).findFirst().orElseThrow();
        Decoder.Input in = Decoder.Input.of(h);
        assertInstanceOf(Decoder.Result.Decoded.class, Decoder.decode(in));

        byte[] blob = h.filter().toArray();
        int tries = 0;
        for (int at = 0; at < 256; at += 4) {
            for (int value : new int[] {0xFFFF_FFFF, 0x7FFF_FFF0, 7, 0}) {
                byte[] t = blob.clone();
                t[at] = (byte) value;
                t[at + 1] = (byte) (value >>> 8);
                t[at + 2] = (byte) (value >>> 16);
                t[at + 3] = (byte) (value >>> 24);
                Decoder.Result r = Decoder.decode(new Decoder.Input(Bytes.of(t), in.returnFilter(), in.eventConfig(),
                        in.maps(), in.actionArgs(), in.patches()));
                assertTrue(r instanceof Decoder.Result.Decoded || r instanceof Decoder.Result.Invalid);
                tries++;
            }
        }
        Decoder.Result noMaps = Decoder.decode(new Decoder.Input(h.filter(), Optional.empty(), h.eventConfig(),
                List.<MapContents>of(), List.of(), List.of()));
        assertInstanceOf(Decoder.Result.Invalid.class, noMaps);
        Decoder.Result shortConfig = Decoder.decode(new Decoder.Input(h.filter(), Optional.empty(),
                Bytes.of(new byte[10]), h.maps(), List.of(), List.of()));
        assertEquals(new Decoder.Result.Invalid("event_config is 10 bytes, not 736"), shortConfig);
        assertTrue(tries > 200);
    }

    static Optional<TracingPolicy> policy(Path file, String name) {
        ParsedFile parsed = new YamlReader().read(file, name);
        for (YamlDocument d : parsed.documents()) {
            if (d.root() instanceof MappingNode m && m.get("kind").isPresent()) {
                return Optional.ofNullable(TracingPolicy.from(m));
            }
        }
        return Optional.empty();
    }
}
