#!/bin/bash
# Writes one Kafka SASL password per principal into DIR, each in its own file <principal>.password (mode
# 0600): admin, controller (the controller listener's super user), the platform's services, and every
# province in force (kafka/provinces). Each password is
# 32 bytes from the kernel's CSPRNG, so knowing some passwords tells nothing about the others. A password
# that exists is kept, so restarts keep working; only missing ones are written.
#
#   generate-credentials.sh DIR [--rotate PRINCIPAL]...
#
# --rotate replaces a principal's password. For admin, the replaced one is kept as
# admin.password.previous until kafka-init has given the cluster the new one: kafka-init needs it to
# sign in.
set -euo pipefail
umask 077

fail() {
  echo "generate-credentials: $*" >&2
  exit 1
}
[ $# -ge 1 ] || fail "usage: generate-credentials.sh DIR [--rotate PRINCIPAL]..."
dir=$1
shift
rotate=()
while [ $# -gt 0 ]; do
  case $1 in
    --rotate)
      [ $# -ge 2 ] || fail "--rotate needs a principal"
      rotate+=("$2")
      shift 2
      ;;
    *) fail "unknown argument $1" ;;
  esac
done

principals=(admin controller stream-processor indexer gateway console)
while read -r code _; do
  case $code in '' | '#'*) continue ;; esac
  principals+=("province-$code")
done < "$(dirname "$0")/provinces"

known() {
  local principal
  for principal in "${principals[@]}"; do
    [ "$principal" = "$1" ] && return 0
  done
  return 1
}

# 32 random bytes as 64 hex digits: nothing in them needs quoting in a JAAS line, a properties file or sed
random_password() {
  local password
  password=$(od -An -v -tx1 -N32 /dev/urandom)
  password=${password//[[:space:]]/}
  [[ $password =~ ^[0-9a-f]{64}$ ]] || fail "could not read 32 bytes from /dev/urandom"
  printf '%s' "$password"
}

mkdir -p "$dir"
# The brokers' storage was formatted with admin's password; a new one would lock kafka-init and the
# brokers out of the cluster. Only --rotate admin may replace it.
if [ ! -s "$dir/admin.password" ] && [ ! -e "$dir/admin.password.previous" ] \
  && compgen -G "$dir/*.password" > /dev/null; then
  fail "$dir/admin.password is missing while other passwords exist; restore it (use --rotate admin to replace it)"
fi

for principal in "${rotate[@]}"; do
  known "$principal" || fail "unknown principal $principal"
  if [ "$principal" = admin ]; then
    [ ! -e "$dir/admin.password.previous" ] \
      || fail "admin's last rotation is not applied yet: run kafka-init before rotating admin again"
    [ -s "$dir/admin.password" ] || fail "admin has no password to rotate yet"
    mv "$dir/admin.password" "$dir/admin.password.previous"
  else
    rm -f "$dir/$principal.password"
  fi
done

written=()
for principal in "${principals[@]}"; do
  file="$dir/$principal.password"
  [ -s "$file" ] && continue
  random_password > "$file.tmp"
  mv "$file.tmp" "$file"
  written+=("$principal")
done
echo "Kafka passwords in $dir: ${#principals[@]} principals, written now: ${written[*]:-none}"
