// Run 1 compiles a bundle per policy; run 2 dates them back to 2001; run 3 (install) finds them
// up to date, leaves them alone (same bytes, same 2001 mtime) and installs them as attached
// artifacts of type tpb with the policy name as classifier.
import java.security.MessageDigest

def sha256(File f) { MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

def log = new File(basedir, 'build.log').text
def bundles = new File(basedir, 'target/tpc/bundles')
def policies = ['write-to-stdout', 'etc-opened']
assert bundles.list().toList().sort() == policies.collect { it + '.tpb' }.sort()

for (policy in policies) {
    def bundle = new File(bundles, policy + '.tpb')
    def compiled = log.readLines().findAll { it.startsWith('[INFO] Compiled: ') && it.contains(policy + '.tpb') }
    def kept = log.readLines().findAll { it.startsWith('[INFO] Up to date: ') && it.contains(policy + '.tpb') }
    assert compiled.size() == 1 : "${policy}: expected one compilation (run 1), got ${compiled}"
    assert kept.size() == 1 : "${policy}: expected one up-to-date bundle (run 3), got ${kept}"

    def sha = sha256(bundle)
    assert compiled[0].contains("sha256 ${sha}") : "${policy}: the bundle changed after run 1"
    assert kept[0].contains("sha256 ${sha}")
    assert bundle.lastModified() == 978307200000L : "${policy}: run 3 rewrote the bundle (mtime ${new Date(bundle.lastModified())})"

    def installed = new File(localRepositoryPath, "dev/tpc/it/compile/1.0/compile-1.0-${policy}.tpb")
    assert installed.isFile() : "${policy}: not installed as an attached artifact: ${installed}"
    assert sha256(installed) == sha
}
assert log.contains('2 bundles in ')
assert log.contains('(0 compiled, 2 up to date; attached as type tpb)')
return true
