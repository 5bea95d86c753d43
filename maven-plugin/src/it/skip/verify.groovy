// -Dtpc.skip: the goals do not run at all, so the broken policy does not fail the build.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] tpc check skipped (tpc.skip)')
assert log.contains('[INFO] tpc compile skipped (tpc.skip)')
assert !log.contains('TP0006')
assert !new File(basedir, 'target/tpc').exists()
return true
