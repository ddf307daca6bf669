#!/bin/sh
# deps.sh GROUP... - make sure the Debian packages a make target needs are
# installed.  As root it runs apt-get update, then installs what is missing;
# otherwise it prints the exact apt-get line and fails.  NODEPS=1 skips the
# check, and so does a system without dpkg-query (not Debian).
set -e
[ -n "$NODEPS" ] && exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0

pkgs_for() {
  case "$1" in
  build) echo "gcc make libc6-dev libsqlite3-dev libicu-dev libpcre2-dev" ;;
  demo) echo "sqlite3" ;;
  wheel) echo "python3 python3-setuptools python3-wheel python3-build python3-venv python3-pip" ;;
  test) echo "sqlite3 tcl libsqlite3-tcl python3 python3-sqlalchemy python3-sqlalchemy-utils python3-email-validator binutils python3-alembic python3-flask-sqlalchemy python3-fake-factory python3-apsw" ;;
  bench) echo "sqlite3 sqlite3-pcre python3 python3-email-validator valgrind" ;;
  valgrind) echo "valgrind" ;;
  asan) echo "gcc clang libclang-rt-14-dev" ;;
  fuzz) echo "clang libclang-rt-14-dev" ;;
  lint) echo "clang-format cppcheck" ;;
  dqlite) echo "libdqlite-dev golang-go golang-github-canonical-go-dqlite-dev" ;;
  # Debian's Node (18), only where the machine has none of its own: the
  # Node clients' tests (mk/npm.mk) take what Node there is
  node) echo "nodejs npm libnode-dev" ;;
  *)
    # Groups of the optional parts (client tests, packages) live beside
    # their make fragment: mk/GROUP.deps, one package list.
    here=$(dirname "$0")/../mk
    if [ -f "$here/$1.deps" ]; then
      grep -v '^#' "$here/$1.deps" | tr '\n' ' '
    else
      echo "deps.sh: unknown group '$1'" >&2; exit 2
    fi ;;
  esac
}

want=""
for group in "$@"; do want="$want $(pkgs_for "$group")"; done

missing=""
for p in $want; do
  case " $missing " in *" $p "*) continue ;; esac
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  echo "deps.sh: installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "richcheck needs these Debian packages; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
