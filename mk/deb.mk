# mk/deb.mk - the Debian package libsqlite3-mod-richcheck (make deb),
# make install's layout and pkg-config file, and deb-check for .ci/run.
.PHONY: deb deb-check
deb-check:
	@echo "deb-check: not written yet"
