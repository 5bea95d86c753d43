// examples/maven-demo as a user runs it (`mvn verify`): both policies pass the check on the three
// configured kernels, the reports are written, and each policy has its bundle.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
for (policy in ['sensitive-files', 'write-to-stdout']) {
    assert log.contains("[INFO] src/main/tetragon/${policy}.yaml: TracingPolicy \"${policy}\": accepted on 5.10, 6.1, 6.12")
    assert new File(basedir, "target/tpc/bundles/${policy}.tpb").isFile()
}
def reports = new File(basedir, 'target/tpc').list().findAll { it != 'bundles' }.sort()
assert reports == ['TEST-tpc-check.xml', 'TEST-tpc-compile.xml', 'tpc-check.sarif', 'tpc-check.txt', 'tpc-compile.sarif', 'tpc-compile.txt']
assert new File(basedir, 'target/tpc/tpc-check.txt').text.contains('checked 2 files (2 policies) for 5.10, 6.1, 6.12')
return true
