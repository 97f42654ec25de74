#!/bin/bash
# The credentials-init container, which runs before the brokers start: writes the Kafka passwords that
# are missing into STORE (a volume only the two init containers mount), then gives each of the
# platform's services its own password, and no other, in that service's volume SERVICES/<principal>,
# owned by the user the service's image runs as.
#
#   credentials-init.sh STORE SERVICES [--rotate PRINCIPAL]...
#
# BROKER_UID is the user of the apache/kafka image, SERVICE_UID the user of docker/Dockerfile.
set -euo pipefail
store=$1
services=$2
shift 2
bash "$(dirname "$0")/generate-credentials.sh" "$store" "$@"

publish() {
  local principal=$1 owner=$2 target="$services/$1"
  [ -d "$target" ] || { echo "credentials-init: no volume at $target for $principal" >&2; exit 1; }
  cp "$store/$principal.password" "$target/.password.tmp"
  chown "$owner:$owner" "$target/.password.tmp"
  chmod 0400 "$target/.password.tmp"
  mv -f "$target/.password.tmp" "$target/password"
}
publish admin "${BROKER_UID:?}"
publish stream-processor "${SERVICE_UID:?}"
publish indexer "${SERVICE_UID:?}"
publish gateway "${SERVICE_UID:?}"
publish console "${SERVICE_UID:?}"
echo "Each service's volume holds its own password."
