# mk/deb.mk - the Debian package libsqlite3-mod-richcheck (make deb),
# make install's layout and pkg-config file, and deb-check for .ci/run.
.PHONY: deb deb-check
deb-check:
	@echo "deb-check: not written yet"

install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 0755 $(B)/richcheck.so $(DESTDIR)$(PREFIX)/lib/richcheck.so
	install -m 0644 $(B)/librichcheck.a $(DESTDIR)$(PREFIX)/lib/librichcheck.a
	install -m 0644 include/richcheck.h $(DESTDIR)$(PREFIX)/include/richcheck.h
