// -Dtpc.skip: the goals do not run at all, so neither the broken policy nor the broken scenario fails the build.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] tpc check skipped (tpc.skip)')
assert log.contains('[INFO] tpc compile skipped (tpc.skip)')
assert log.contains('[INFO] tpc:test skipped (tpc.skip)')
assert !log.contains('TP0006')
assert !log.contains('TS0001')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/tpc').exists()
return true
