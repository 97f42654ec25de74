#!/bin/bash
# Starts one broker of the cluster. The brokers talk to each other as admin, with the password that
# credentials-init put in this broker's volume. KRaft can only take the first SCRAM credential when the
# storage is formatted, so a broker's storage is formatted here, once, with admin's credential; then the
# broker starts as the image would start it.
set -euo pipefail
admin_password="$(< /run/secrets/kafka-sasl/password)"
# for the healthcheck
(umask 077 && sed "s/@ADMIN_PASSWORD@/${admin_password}/" /etc/kafka/client/admin.properties.template > /tmp/admin.properties)
# the image turns the KAFKA_* environment into server.properties
/etc/kafka/docker/configure
# The image drops environment values that contain '=', as a JAAS line does, so the line goes in here.
printf '\n%s\n' "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"${admin_password}\";" \
  >> /opt/kafka/config/server.properties
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${CLUSTER_ID}" \
    --config /opt/kafka/config/server.properties \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_password}]"
fi
exec /opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties
