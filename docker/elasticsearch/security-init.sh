#!/bin/bash
# The elasticsearch-init container, once Elasticsearch is healthy: as the elastic superuser, sets the
# password Kibana signs in with (the built-in user kibana_system), creates the role investledger-indexer
# from indexer-role.json and the user the indexer signs in with, and the read-only role investledger-console
# from console-role.json and the user the console signs in with, then exits. Running it again sets the same
# passwords and roles, so a changed password in docker/.env takes effect here.
#
# ELASTICSEARCH_URL, ELASTIC_PASSWORD, KIBANA_PASSWORD, INDEXER_ELASTIC_USER, INDEXER_ELASTIC_PASSWORD,
# CONSOLE_ELASTIC_USER, CONSOLE_ELASTIC_PASSWORD
set -euo pipefail
umask 077
url=${ELASTICSEARCH_URL:?}
roles="$(dirname "$0")"
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

# SERVICE USER PASSWORD: the service's role from <service>-role.json, and its user with that role only
service_user() {
  local service=$1 user=$2 password=$3
  call PUT "/_security/role/investledger-$service" "$roles/$service-role.json"
  printf '{"password":"%s","roles":["investledger-%s"],"full_name":"Investment Ledger %s"}' \
    "$(escaped "$password")" "$service" "$service" > "$work/$service"
  call PUT "/_security/user/$user" "$work/$service"
  echo "role investledger-$service and user $user are in place"
}
service_user indexer "${INDEXER_ELASTIC_USER:?}" "${INDEXER_ELASTIC_PASSWORD:?}"
service_user console "${CONSOLE_ELASTIC_USER:?}" "${CONSOLE_ELASTIC_PASSWORD:?}"
