#!/bin/bash
# Starts one broker of the cluster with the server.properties that kafka-config rendered for it from the
# project's broker template (node NODE_ID). The brokers talk to each other as admin: KRaft can only take the
# first SCRAM credential when the storage is formatted, so a broker's storage is formatted here, once, with
# admin's credential (the password credentials-init put in this broker's volume); then the broker starts.
set -euo pipefail
config="/etc/investledger/kafka/node-${NODE_ID:?}/server.properties"
[ -s "$config" ] || { echo "scram-bootstrap: no $config; run kafka-config" >&2; exit 1; }
admin_password="$(< /run/secrets/kafka-sasl/password)"
# for the healthcheck
(umask 077 && sed "s/@ADMIN_PASSWORD@/${admin_password}/" /etc/kafka/client/admin.properties.template > /tmp/admin.properties)
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  # admin's password reaches the storage tool in a Java argument file only this user reads, not on a command
  # line that any process could list (the password is 64 hex digits and no argument has a space)
  format_args="$(umask 077 && mktemp)"
  trap 'rm -f "$format_args"' EXIT
  printf '%s\n' kafka.tools.StorageTool format --ignore-formatted --cluster-id "${CLUSTER_ID}" --config "$config" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_password}]" > "$format_args"
  java -cp '/opt/kafka/libs/*' "@${format_args}"
  rm -f "$format_args"
  trap - EXIT
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
