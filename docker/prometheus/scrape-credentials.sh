#!/bin/bash
# The scrape-credentials-init container: the password Prometheus reads the gateway's metrics with, as the
# gateway's account "prometheus" (investledger.metrics-scraper). Writes it once, 32 bytes from the
# kernel's random source, into PROMETHEUS_DIR/password for Prometheus (basic_auth password_file), and its
# SHA-256, never the password, into GATEWAY_DIR/sha256 for the gateway; then exits. A later run keeps the
# password; --rotate replaces it (then restart the gateway and Prometheus).
#
#   scrape-credentials.sh PROMETHEUS_DIR GATEWAY_DIR [--rotate]
#
# PROMETHEUS_UID is the user of the prom/prometheus image, SERVICE_UID the user of docker/Dockerfile.
set -euo pipefail
umask 077

fail() {
  echo "scrape-credentials: $*" >&2
  exit 1
}
[ $# -ge 2 ] || fail "usage: scrape-credentials.sh PROMETHEUS_DIR GATEWAY_DIR [--rotate]"
prometheus=$1
gateway=$2
[ -d "$prometheus" ] || fail "no volume at $prometheus"
[ -d "$gateway" ] || fail "no volume at $gateway"
case ${3:-} in
  '') ;;
  --rotate) rm -f "$prometheus/password" ;;
  *) fail "unknown argument $3" ;;
esac

# owner, mode 0400, in place at once
publish() {
  chown "$2:$2" "$1.tmp"
  chmod 0400 "$1.tmp"
  mv -f "$1.tmp" "$1"
}

if [ ! -s "$prometheus/password" ]; then
  password=$(od -An -v -tx1 -N32 /dev/urandom)
  password=${password//[[:space:]]/}
  [[ $password =~ ^[0-9a-f]{64}$ ]] || fail "could not read 32 bytes from /dev/urandom"
  printf '%s' "$password" > "$prometheus/password.tmp"
  publish "$prometheus/password" "${PROMETHEUS_UID:?}"
  echo "A new scrape password for Prometheus"
fi
sha256=$(sha256sum < "$prometheus/password")
printf '%s' "${sha256%% *}" > "$gateway/sha256.tmp"
publish "$gateway/sha256" "${SERVICE_UID:?}"
echo "The gateway holds the SHA-256 of Prometheus's scrape password."
