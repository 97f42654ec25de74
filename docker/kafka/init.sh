#!/bin/bash
# Creates the platform's topics, the SCRAM users of its services and provinces with the passwords that
# credentials-init generated (one file per principal in /secrets/kafka), and the ACLs that let each
# province write its own events topic only. Runs once the three brokers are healthy; running it again
# changes nothing but the users' salts, so a rotated password takes effect here.
set -euo pipefail
umask 077
bootstrap=kafka-1:9092,kafka-2:9092,kafka-3:9092
prefix="${TOPIC_PREFIX:-ledger}"
here=$(dirname "$0")
store=/secrets/kafka
bin=/opt/kafka/bin
admin=(--bootstrap-server "$bootstrap" --command-config /tmp/admin.properties)

password() {
  [ -s "$store/$1.password" ] || { echo "kafka-init: no password for $1 in $store; run credentials-init" >&2; exit 1; }
  cat "$store/$1.password"
}
sign_in_as_admin() {
  sed "s/@ADMIN_PASSWORD@/$1/" "$here/admin.properties.template" > /tmp/admin.properties
}
# sets a principal's SCRAM credential to the password in its file
user() {
  local secret
  secret=$(password "$1")
  "$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$secret]"
}
topic() {
  "$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$1" --partitions 6 \
    --replication-factor 3 "${@:2}"
}
rejections() {
  # one partition, read back in order by the gateway; a refused record up to 1 MiB with its reason
  "$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$1" --partitions 1 \
    --replication-factor 3 --config retention.ms=-1 --config min.insync.replicas=2 \
    --config max.message.bytes=2097152
}
acl() {
  "$bin/kafka-acls.sh" "${admin[@]}" --add --force "$@"
}

if [ -s "$store/admin.password.previous" ]; then
  # admin was rotated: the cluster knows its previous password until this sets the new one
  previous_password=$(< "$store/admin.password.previous")
  sign_in_as_admin "$previous_password"
  user admin
  rm "$store/admin.password.previous"
fi
admin_password=$(password admin)
sign_in_as_admin "$admin_password"

for service in stream-processor indexer gateway; do
  user "$service"
done

# the provinces in force (kafka/provinces)
provinces=$(sed -e 's/#.*//' -e 's/ .*//' "$here/provinces")
for code in $provinces; do
  # the ledger: unlimited retention; the broker's append time is each record's timestamp, which the
  # processor judges dates against (a client cannot set it)
  topic "$prefix.events.$code" --config retention.ms=-1 --config min.insync.replicas=2 \
    --config message.timestamp.type=LogAppendTime
  # what the processor refused of the unit's records, with the reasons: the unit reads it back
  rejections "$prefix.rejections.$code"
  user "province-$code"
  acl --allow-principal "User:province-$code" --producer --topic "$prefix.events.$code" --idempotent
  acl --allow-principal "User:province-$code" --operation Read --operation Describe \
    --topic "$prefix.rejections.$code"
done
for compacted in project-state totals stock; do
  topic "$prefix.$compacted" --config cleanup.policy=compact --config min.insync.replicas=2
done
topic "$prefix.events.dlq" --config min.insync.replicas=2 --config max.message.bytes=2097152
topic "$prefix.indexer.dlq" --config min.insync.replicas=2
# each event the ledger applied, once: the projects' histories
topic "$prefix.applied-events" --config retention.ms=-1 --config min.insync.replicas=2

# the gateway writes every province's topic; it checks each province's API key itself, and reads each
# unit's refused records back for it
acl --allow-principal User:gateway --producer --topic "$prefix.events." --resource-pattern-type prefixed --idempotent
acl --allow-principal User:gateway --operation Read --operation Describe --topic "$prefix.rejections." \
  --resource-pattern-type prefixed
# the stream processor reads the ledger, writes the figures, and owns its internal topics and transactions
acl --allow-principal User:stream-processor --consumer --topic "$prefix.events." --resource-pattern-type prefixed \
  --group "$prefix-stream-processor"
acl --allow-principal User:stream-processor --operation All --topic "$prefix-stream-processor" \
  --resource-pattern-type prefixed
acl --allow-principal User:stream-processor --operation All --transactional-id "$prefix-stream-processor" \
  --resource-pattern-type prefixed
for output in project-state totals stock events.dlq applied-events; do
  acl --allow-principal User:stream-processor --operation Write --operation Describe --topic "$prefix.$output"
done
acl --allow-principal User:stream-processor --operation Write --operation Describe --topic "$prefix.rejections." \
  --resource-pattern-type prefixed
# it checks (and sets) the event topics' settings at start
acl --allow-principal User:stream-processor --operation DescribeConfigs --operation AlterConfigs \
  --topic "$prefix.events." --resource-pattern-type prefixed
# the indexer reads the ledger and the figures and writes its own dead letters
acl --allow-principal User:indexer --consumer --topic "$prefix." --resource-pattern-type prefixed \
  --group "$prefix-" --resource-pattern-type prefixed
acl --allow-principal User:indexer --operation Write --operation Describe --topic "$prefix.indexer.dlq"
echo "Topics, users and ACLs are in place."
