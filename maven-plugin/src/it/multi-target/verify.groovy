// Targets 5.10 and 7.2: the 623-character Equal value is refused on 5.10 only, so the finding names
// that target, the verdict line shows both outcomes, and the build fails.
def log = new File(basedir, 'build.log').text

def finding = log.readLines().find { it.startsWith('[ERROR] src/main/tetragon/long-path.yaml:22:11: error[TP') }
assert finding != null : 'no finding at the long value (22:11) in build.log'
assert finding.endsWith('[targets: 5.10]') : "the finding does not name (only) target 5.10: ${finding}"
assert log.contains('[INFO] src/main/tetragon/long-path.yaml: TracingPolicy "long-path": accepted on 7.2; rejected on 5.10')
assert log =~ /tpc check found 1 errors?, \d+ warnings?, \d+ notes? for 5\.10, 7\.2 on x86_64/
return true
