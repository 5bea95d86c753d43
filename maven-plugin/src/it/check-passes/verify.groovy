// Two valid policies under src/main/tetragon (one .yml in a subdirectory): a verdict line each,
// a summary, no error, and the default report files (SARIF, JUnit) with nothing in them to fix.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] src/main/tetragon/write-to-stdout.yaml: TracingPolicy "write-to-stdout": accepted on 5.10, 6.1, 6.12, 7.2')
assert log.contains('[INFO] src/main/tetragon/files/etc-opened.yml: TracingPolicy "etc-opened": accepted on 5.10, 6.1, 6.12, 7.2')
assert log =~ /\[INFO\] tpc \S+ \(models Tetragon CRD schema 1\.8\.13\): checked 2 files \(2 policies\) for 5\.10, 6\.1, 6\.12, 7\.2 on x86_64: 0 errors, 0 warnings, 0 notes/
assert !(log =~ /(?m)^\[ERROR\]/)

def reports = new File(basedir, 'target/tpc')
assert reports.list().toList().sort() == ['TEST-tpc-check.xml', 'tpc-check.sarif']

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'tpc-check.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].results == []

def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-tpc-check.xml'))
assert junit.@tests.text() == '8'      // 2 policies x 4 targets
assert junit.@failures.text() == '0'
return true
