# mk/deb.mk - the Debian package libsqlite3-mod-richcheck (make deb),
# make install's layout and pkg-config file, and deb-check for .ci/run.
#
#   make install   PREFIX=/usr/local LIBDIR=$(PREFIX)/lib DESTDIR=
#                  INCLUDEDIR=$(PREFIX)/include PKGCONFIGDIR=$(LIBDIR)/pkgconfig
#   make deb       build/deb/libsqlite3-mod-richcheck_<version>_<arch>.deb
#   make deb-check (root) the .deb built, lintian, installed with dpkg,
#                  debian/tests/installed run against it, removed again
.PHONY: deb deb-check

LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
RC_VERSION = $(shell sed -n 's/^.define RICHCHECK_VERSION "\(.*\)"$$/\1/p' include/richcheck.h)

# The .pc file's directories are relative to its prefix where they are
# under it, so that PKG_CONFIG_SYSROOT_DIR and pkg-config --define-prefix work.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))

install: all richcheck.pc.in
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 0755 $(B)/richcheck.so $(DESTDIR)$(LIBDIR)/richcheck.so
	install -m 0644 $(B)/librichcheck.a $(DESTDIR)$(LIBDIR)/librichcheck.a
	install -m 0644 include/richcheck.h $(DESTDIR)$(INCLUDEDIR)/richcheck.h
	sed -e '/^#/d' -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' -e 's|@VERSION@|$(RC_VERSION)|' \
	  richcheck.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/richcheck.pc
	chmod 0644 $(DESTDIR)$(PKGCONFIGDIR)/richcheck.pc

# The package is built by dpkg-buildpackage in a copy of the sources under
# $(B)/deb/src, so that debhelper's files (debian/.debhelper, debian/files,
# debian/tmp, ...) never land in the work tree.  The copy has only what the
# build reads: the Makefile includes mk/*.mk, and of those only this one.
DEB_DEBIAN = debian/changelog debian/control debian/copyright debian/rules \
             debian/source/format debian/libsqlite3-mod-richcheck.install \
             debian/libsqlite3-mod-richcheck.docs \
             debian/libsqlite3-mod-richcheck.lintian-overrides debian/tests/control \
             debian/tests/installed
DEB_INPUTS = Makefile mk/deb.mk tools/deps.sh richcheck.pc.in README.md \
             CHANGELOG.md $(SRC) $(HDR) $(DEB_DEBIAN)
DEB_STAGE = $(B)/deb/src/richcheck-$(RC_VERSION)
DEB_FILE = $(B)/deb/libsqlite3-mod-richcheck_$(RC_VERSION)_$(shell dpkg-architecture -qDEB_HOST_ARCH).deb
# nocheck: see override_dh_auto_test in debian/rules; noautodbgsym: one
# .deb in $(B)/deb, the extension with its symbols stripped.
DEB_OPTIONS = $(strip $(DEB_BUILD_OPTIONS) nocheck noautodbgsym parallel=$(shell nproc))

deb: | deps
	@tools/deps.sh deb
	@$(MAKE) --no-print-directory $(B)/deb/.built
	@ls $(DEB_FILE)

# The package's version is the header's: they must agree.
$(B)/deb/.built: $(DEB_INPUTS)
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	  [ "$$v" = "$(RC_VERSION)" ] || { echo "make deb: debian/changelog's version \
	  is $$v, include/richcheck.h's RICHCHECK_VERSION is $(RC_VERSION): add a \
	  debian/changelog entry (dch -v $(RC_VERSION))"; exit 1; }
	rm -rf $(B)/deb
	mkdir -p $(DEB_STAGE)
	tar -c $(DEB_INPUTS) | tar -x -C $(DEB_STAGE)
	cd $(DEB_STAGE) && DEB_BUILD_OPTIONS="$(DEB_OPTIONS)" \
	  dpkg-buildpackage -us -uc -b > $(CURDIR)/$(B)/deb/build.log 2>&1 || \
	  { tail -n 40 $(CURDIR)/$(B)/deb/build.log; \
	    echo "make deb: dpkg-buildpackage failed: $(B)/deb/build.log"; exit 1; }
	mv $(B)/deb/src/*.deb $(B)/deb/
	@touch $@

# make test checks the .deb (test/install.test) where debhelper is there to
# build it: about 10 s, and again only when one of its inputs changes.
HAVE_DEBHELPER := $(shell command -v dh >/dev/null && \
  command -v dpkg-buildpackage >/dev/null && echo yes)
test-bins: $(if $(HAVE_DEBHELPER),$(B)/deb/.built)

# deb-check installs the package, so it needs root; it refuses to touch a
# copy that is already installed, and removes its own even when a check
# fails, so the machine is left as it was.
deb-check: | deps
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make deb-check: needs root, to install the package with dpkg -i and"; \
	  echo "  remove it again (dpkg -P): run it as root.  Without root, make deb"; \
	  echo "  builds the .deb and test/install.test checks its contents."; exit 1; fi
	@tools/deps.sh build demo deb
	@$(MAKE) --no-print-directory $(B)/deb/.built
	@if command -v lintian >/dev/null; then \
	  echo "lintian $(DEB_FILE)"; \
	  lintian --fail-on error --tag-display-limit 0 $(DEB_FILE) || \
	    { echo "make deb-check: lintian found errors"; exit 1; }; \
	else echo "make deb-check: no lintian (the Debian package lintian): not run"; fi
	@status=$$(dpkg-query -W -f='$${db:Status-Status}' libsqlite3-mod-richcheck \
	  2>/dev/null || true); \
	if [ -n "$$status" ] && [ "$$status" != not-installed ]; then \
	  echo "make deb-check: libsqlite3-mod-richcheck is already on this machine \
	($$status); deb-check would remove it: dpkg -P libsqlite3-mod-richcheck first"; \
	  exit 1; fi
	@set -e; \
	trap 'dpkg -P libsqlite3-mod-richcheck >/dev/null' EXIT; trap 'exit 130' INT TERM; \
	dpkg -i $(DEB_FILE) >/dev/null; \
	echo "debian/tests/installed (libsqlite3-mod-richcheck $(RC_VERSION) installed)"; \
	rc=0; timeout 300 debian/tests/installed || rc=$$?; \
	trap - EXIT; dpkg -P libsqlite3-mod-richcheck >/dev/null; \
	left=$$(dpkg-query -W -f='$${db:Status-Status}' libsqlite3-mod-richcheck \
	  2>/dev/null || true); \
	if [ -n "$$left" ] && [ "$$left" != not-installed ] || \
	   [ -e /usr/lib/$$(dpkg-architecture -qDEB_HOST_MULTIARCH)/richcheck.so ]; then \
	  echo "make deb-check: the package is still there after dpkg -P ($$left)"; exit 1; fi; \
	[ $$rc = 0 ] || { echo "make deb-check: debian/tests/installed failed"; exit 1; }; \
	echo "make deb-check: the package built, installed, used and removed"
