#!/usr/bin/env bash
# The README's "Connect your own clients" screenshots: select-echo in the window with three
# external clients of different kinds connected (nc, muxlab's own client, the lesson's Python
# client), the Class tab in front. Run from the top of the tree after building, e.g.:
#   ../shared/tools/screenshot.sh resources/screenshots/external-clients-en-1366x768.png \
#       --size 1366x768 --wait 10 -- resources/screenshots/external-clients.sh en
# It steps the window itself (F10, with xdotool) so each client is accepted at a tick; the
# Python client is accepted last, and what it sends next waits in the kernel for the next
# tick when the shot is taken (it gives up after 5 s, so the shot must come before that).
set -euo pipefail
lang=${1:-en}
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${MUXLAB:-$here/build/muxlab}
MUXLAB_RAISE=class "$bin" --lesson select-echo --backend select --lang "$lang" & gui=$!
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
# 9991, or the port the window fell back to when 9991 was taken: ask the kernel.
port=
for _ in $(seq 50); do
    port=$(ss -ltnpH | awk -v p="pid=$gui," 'index($0, p) { n = split($4, a, ":"); print a[n]; exit }')
    [ -n "$port" ] && break; sleep 0.1
done
win=$(xdotool search --sync --onlyvisible --name 'muxlab' | head -1)
step() { for _ in $(seq "$1"); do xdotool windowfocus --sync "$win" key F10; sleep 0.3; done; }
# The lesson's own script first, to its end, so the external clients disturb no checkpoint.
step 8
(printf 'hello from nc\n'; sleep 120) | nc 127.0.0.1 $port >/dev/null &
(sleep 120) | "$bin" --client --no-window --port $port >/dev/null 2>&1 &
sleep 1
step 3
conns() { ss -tnH state established "( dport = :$port )" | wc -l; }
before=$(conns)
python3 "$here/lessons/000-select-socket/echo_client.py" --port $port >/dev/null 2>&1 &
for _ in $(seq 50); do [ "$(conns)" -gt "$before" ] && break; sleep 0.1; done
step 1
wait $gui
