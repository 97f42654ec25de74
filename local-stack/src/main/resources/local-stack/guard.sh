#!/usr/bin/env bash
# Runs a server as a child and stops it when this script's standard input ends (the parent JVM closed it,
# or died: the kernel closes the pipe either way), or on TERM/INT/HUP. So no server outlives its parent.
"$@" </dev/null &
child=$!
stop() {
  trap - TERM INT HUP
  kill -TERM "$child" 2>/dev/null
  ( sleep 60; kill -KILL "$child" 2>/dev/null ) &
  killer=$!
  wait "$child"
  status=$?
  kill "$killer" 2>/dev/null
  exit "$status"
}
trap stop TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  read -r -t 1 _
  status=$?
  # read: 0 for a line, above 128 on time-out, 1 at end of input
  if [ "$status" -ne 0 ] && [ "$status" -le 128 ]; then stop; fi
done
wait "$child"
