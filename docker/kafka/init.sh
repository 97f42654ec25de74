#!/bin/bash
# Creates the platform's topics, its services' users and the ACLs that let each province write its own
# events topic only. Runs once the three brokers are healthy; running it again changes nothing.
set -euo pipefail
bootstrap=kafka-1:9092,kafka-2:9092,kafka-3:9092
prefix="${TOPIC_PREFIX:-ledger}"
sed "s/@ADMIN_PASSWORD@/${KAFKA_ADMIN_PASSWORD}/" /etc/kafka/client/admin.properties.template > /tmp/admin.properties
bin=/opt/kafka/bin
admin=(--bootstrap-server "$bootstrap" --command-config /tmp/admin.properties)
# the provinces in force since 1 July 2025 (events/src/main/resources/reference/provinces.csv)
provinces="01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44 46 48 51 52 56 66 68 75 79 80 82 86 91 92 96"

user() {
  "$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}
topic() {
  "$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$1" --partitions 6 \
    --replication-factor 3 "${@:2}"
}
acl() {
  "$bin/kafka-acls.sh" "${admin[@]}" --add --force "$@"
}

user stream-processor "$KAFKA_PROCESSOR_PASSWORD"
user indexer "$KAFKA_INDEXER_PASSWORD"
user gateway "$KAFKA_GATEWAY_PASSWORD"

for code in $provinces; do
  # the ledger: unlimited retention
  topic "$prefix.events.$code" --config retention.ms=-1 --config min.insync.replicas=2
  user "province-$code" "${KAFKA_PROVINCE_PASSWORD_PREFIX}-$code"
  acl --allow-principal "User:province-$code" --producer --topic "$prefix.events.$code" --idempotent
done
for compacted in project-state totals stock; do
  topic "$prefix.$compacted" --config cleanup.policy=compact --config min.insync.replicas=2
done
topic "$prefix.events.dlq" --config min.insync.replicas=2
topic "$prefix.indexer.dlq" --config min.insync.replicas=2

# the gateway writes every province's topic; it checks each province's API key itself
acl --allow-principal User:gateway --producer --topic "$prefix.events." --resource-pattern-type prefixed --idempotent
# the stream processor reads the ledger, writes the figures, and owns its internal topics and transactions
acl --allow-principal User:stream-processor --consumer --topic "$prefix.events." --resource-pattern-type prefixed \
  --group "$prefix-stream-processor"
acl --allow-principal User:stream-processor --operation All --topic "$prefix-stream-processor" \
  --resource-pattern-type prefixed
acl --allow-principal User:stream-processor --operation All --transactional-id "$prefix-stream-processor" \
  --resource-pattern-type prefixed
for output in project-state totals stock events.dlq; do
  acl --allow-principal User:stream-processor --operation Write --operation Describe --topic "$prefix.$output"
done
# the indexer reads the ledger and the figures and writes its own dead letters
acl --allow-principal User:indexer --consumer --topic "$prefix." --resource-pattern-type prefixed \
  --group "$prefix-" --resource-pattern-type prefixed
acl --allow-principal User:indexer --operation Write --operation Describe --topic "$prefix.indexer.dlq"
echo "Topics, users and ACLs are in place."
