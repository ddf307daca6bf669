# mk/clients_compiled.mk - the compiled client programs (issue 15) that
# test/clients_go.test, test/clients_jdbc.test and test/clients_rust.test
# run: Go with mattn/go-sqlite3, Java with xerial sqlite-jdbc, Rust with
# rusqlite.  Each is built offline from Debian's packages (mk/clients_compiled.deps)
# into $(B)/clients/, on the system SQLite that richcheck is tested against,
# and is a test-bins prerequisite only where its toolchain and library are
# installed: elsewhere its test says it skips.  Each build prints its time.
#
#   make clients-compiled   the three programs (those whose tools exist)

.PHONY: clients-compiled

CLIENT_GO_SRC = /usr/share/gocode/src/github.com/mattn/go-sqlite3
CLIENT_JDBC_JAR = /usr/share/java/sqlite-jdbc.jar
CLIENT_CARGO = /usr/bin/cargo
CLIENT_RUSTC = /usr/bin/rustc
CLIENT_CRATES = /usr/share/cargo/registry

HAVE_CLIENT_GO := $(shell command -v go >/dev/null && test -d $(CLIENT_GO_SRC) && echo yes)
HAVE_CLIENT_JDBC := $(shell command -v javac >/dev/null && test -f $(CLIENT_JDBC_JAR) && echo yes)
# Debian's cargo and rustc by path, never a rustup one earlier in PATH: CI
# has only Debian's, and the crates in the registry are built for its rustc.
HAVE_CLIENT_RUST := $(shell test -x $(CLIENT_CARGO) && test -x $(CLIENT_RUSTC) && \
  ls -d $(CLIENT_CRATES)/rusqlite-0.28.* >/dev/null 2>&1 && echo yes)

CLIENT_BINS = $(if $(HAVE_CLIENT_GO),$(B)/clients/rcgo) \
              $(if $(HAVE_CLIENT_JDBC),$(B)/clients/java/RcJdbc.class) \
              $(if $(HAVE_CLIENT_RUST),$(B)/clients/rcrust)

clients-compiled: $(CLIENT_BINS)

test-bins: $(CLIENT_BINS)

# Prints "TARGET: built in N ms" after the build command it follows.
CLIENT_T0 = t0=$$(date +%s%N)
CLIENT_TIME = echo "$@: built in $$(( ($$(date +%s%N) - t0) / 1000000 )) ms"

# Debian's go-sqlite3 has no bundled SQLite (its sqlite3-binding.c is
# removed and the cgo flags always say -lsqlite3); -tags libsqlite3 says so
# for a go-sqlite3 from elsewhere too, whose bundled SQLite would not be
# the 3.40 richcheck is tested with here.
$(B)/clients/rcgo: test/clients/go/rcgo.go
	@mkdir -p $(@D) $(B)/gocache
	@$(CLIENT_T0); \
	GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE=$(abspath $(B))/gocache \
	  go build -tags libsqlite3 -o $@ $< && $(CLIENT_TIME)

$(B)/clients/java/RcJdbc.class: test/clients/java/RcJdbc.java
	@mkdir -p $(@D)
	@$(CLIENT_T0); \
	javac -encoding UTF-8 -Xlint:all -Werror -cp $(CLIENT_JDBC_JAR) -d $(@D) $< && \
	  $(CLIENT_TIME)

# A copy of the crate in $(B)/clients/rust, so that Cargo.lock, the
# source-replacement config (.cargo/config.toml: Debian's directory
# registry, offline) and CARGO_HOME stay out of the source tree.
CLIENT_RUST_DIR = $(B)/clients/rust
$(B)/clients/rcrust: test/clients/rust/Cargo.toml test/clients/rust/src/main.rs \
                     test/clients/rust/cargo-config.toml
	@rm -rf $(CLIENT_RUST_DIR)/src
	@mkdir -p $(CLIENT_RUST_DIR)/.cargo
	@cp test/clients/rust/Cargo.toml $(CLIENT_RUST_DIR)/Cargo.toml
	@cp -r test/clients/rust/src $(CLIENT_RUST_DIR)/src
	@cp test/clients/rust/cargo-config.toml $(CLIENT_RUST_DIR)/.cargo/config.toml
	@$(CLIENT_T0); \
	cd $(CLIENT_RUST_DIR) && CARGO_HOME=$(abspath $(CLIENT_RUST_DIR))/cargo-home \
	  RUSTC=$(CLIENT_RUSTC) RUSTDOC=/usr/bin/rustdoc \
	  $(CLIENT_CARGO) build --offline --release --quiet \
	  --target-dir $(abspath $(CLIENT_RUST_DIR))/target && \
	  cd $(CURDIR) && cp $(CLIENT_RUST_DIR)/target/release/rcrust $@ && $(CLIENT_TIME)
