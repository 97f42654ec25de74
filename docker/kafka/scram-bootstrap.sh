#!/bin/bash
# Starts one broker of the cluster. KRaft can only take the first SCRAM credential when the storage is
# formatted, so a broker's storage is formatted here, once, with the admin's credential; then the broker
# starts as the image would start it.
set -euo pipefail
admin_password="$(sed -n 's/.*password="\([^"]*\)".*/\1/p' <<< "${KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM-SHA-512_SASL_JAAS_CONFIG:-}")"
sed "s/@ADMIN_PASSWORD@/${admin_password}/" /etc/kafka/client/admin.properties.template > /tmp/admin.properties
# the image turns the KAFKA_* environment into server.properties
/etc/kafka/docker/configure
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${CLUSTER_ID}" \
    --config /opt/kafka/config/server.properties \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_password}]"
fi
exec /opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties
