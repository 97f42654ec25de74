#!/bin/bash
# The elasticsearch-init container, once Elasticsearch is healthy: as the elastic superuser, sets the
# password Kibana signs in with (the built-in user kibana_system), creates the role investledger-indexer
# from indexer-role.json and the user the indexer and its search API sign in with, then exits. Running it
# again sets the same passwords and role, so a changed password in docker/.env takes effect here.
#
# ELASTICSEARCH_URL, ELASTIC_PASSWORD, KIBANA_PASSWORD, INDEXER_ELASTIC_USER, INDEXER_ELASTIC_PASSWORD
set -euo pipefail
umask 077
url=${ELASTICSEARCH_URL:?}
role_file="$(dirname "$0")/indexer-role.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# a value inside a JSON string or a curl config line
escaped() {
  local value=$1
  value=${value//\\/\\\\}
  value=${value//\"/\\\"}
  printf '%s' "$value"
}
# the superuser's name and password reach curl in a file, not on its command line
printf 'user = "elastic:%s"\n' "$(escaped "${ELASTIC_PASSWORD:?}")" > "$work/auth"

# METHOD PATH BODY-FILE: fails (and says why) unless Elasticsearch answers 2xx
call() {
  local status target=$url
  target+=$2
  status=$(curl -sS -o "$work/response" -w '%{http_code}' -K "$work/auth" -X "$1" "$target" \
    -H 'Content-Type: application/json' --data-binary "@$3")
  if [ "${status:0:1}" != 2 ]; then
    echo "elasticsearch-init: $1 $2 answered $status: $(cat "$work/response")" >&2
    exit 1
  fi
}

printf '{"password":"%s"}' "$(escaped "${KIBANA_PASSWORD:?}")" > "$work/kibana"
call POST /_security/user/kibana_system/_password "$work/kibana"
echo "kibana_system's password is set"

user=${INDEXER_ELASTIC_USER:?}
call PUT /_security/role/investledger-indexer "$role_file"
printf '{"password":"%s","roles":["investledger-indexer"],"full_name":"Investment Ledger indexer"}' \
  "$(escaped "${INDEXER_ELASTIC_PASSWORD:?}")" > "$work/indexer"
call PUT "/_security/user/$user" "$work/indexer"
echo "role investledger-indexer and user $user are in place"
