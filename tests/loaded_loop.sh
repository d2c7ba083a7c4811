#!/bin/sh
# Runs the suite (the README test command's first line: ctest on an existing build) N times in a
# row while the machine is busy: two CPU burners (`yes > /dev/null`) and a loopback churn (a
# python3 echo server and clients that connect, send 64 KiB, read it back and close, over and
# over) run beside it. One line per run, then a summary such as `10/10 green`. Exit 0 iff every
# run was green.
#
#   tests/loaded_loop.sh [-n RUNS] [-b BUILD_DIR] [-t SECONDS_PER_RUN] [-- CTEST_ARGS...]
#
# Defaults: 10 runs, ./build, 1800 s per run, ctest args `--output-on-failure -j2`. Extra
# CTEST_ARGS replace the defaults (e.g. `-- -j2 -R 'tst_paced|tst_lessons'`). Each run's log is
# kept in a temporary directory, named at the end. Everything started here is stopped on exit.
set -u

runs=10
build=build
per_run=1800
while [ $# -gt 0 ]; do
    case "$1" in
    -n) runs=$2; shift 2 ;;
    -b) build=$2; shift 2 ;;
    -t) per_run=$2; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "loaded_loop.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ $# -eq 0 ]; then
    set -- --output-on-failure -j2
fi
if [ ! -f "$build/CTestTestfile.cmake" ]; then
    echo "loaded_loop.sh: $build is not a build directory (cmake -S . -B $build first)" >&2
    exit 2
fi

logs=$(mktemp -d /tmp/loaded_loop.XXXXXX)
load_pids=""
run_pid=""

stop_load() {
    [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null
    for pid in $load_pids; do
        kill "$pid" 2>/dev/null
    done
    for pid in $load_pids; do
        wait "$pid" 2>/dev/null
    done
    load_pids=""
}
trap 'stop_load' EXIT
trap 'stop_load; exit 130' INT TERM

# The load ends by itself after the longest the loop may take, should this script be killed -9.
limit=$((runs * per_run + 60))

yes >/dev/null &
load_pids="$load_pids $!"
yes >/dev/null &
load_pids="$load_pids $!"

python3 - "$limit" >"$logs/loopback-load.txt" 2>&1 <<'EOF' &
import signal, socket, sys, threading, time

deadline = time.monotonic() + float(sys.argv[1])

def stop(*_):
    global deadline
    deadline = 0.0

signal.signal(signal.SIGTERM, stop)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(128)
server.settimeout(1.0)
port = server.getsockname()[1]
rounds = [0]

def echo(conn):
    with conn:
        conn.settimeout(10.0)
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)
        except OSError:
            return

def serve():
    while time.monotonic() < deadline:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            continue
        except OSError:
            return
        threading.Thread(target=echo, args=(conn,), daemon=True).start()

def client():
    payload = b"x" * 65536
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10.0) as s:
                s.sendall(payload)
                s.shutdown(socket.SHUT_WR)
                got = 0
                while True:
                    data = s.recv(65536)
                    if not data:
                        break
                    got += len(data)
            rounds[0] += 1
        except OSError:
            time.sleep(0.01)

threading.Thread(target=serve, daemon=True).start()
for _ in range(4):
    threading.Thread(target=client, daemon=True).start()
while time.monotonic() < deadline:
    time.sleep(1.0)
print("loopback load: %d echo rounds of 64 KiB" % rounds[0])
EOF
load_pids="$load_pids $!"
sleep 1

echo "loaded_loop: $runs runs of: ctest --test-dir $build $* (beside 2 x yes and a loopback echo churn)"
green=0
i=1
while [ "$i" -le "$runs" ]; do
    start=$(date +%s)
    # In the background and waited for, so that a signal to this script stops the run at once.
    timeout --kill-after=30 "$per_run" ctest --test-dir "$build" "$@" >"$logs/run-$i.txt" 2>&1 &
    run_pid=$!
    wait "$run_pid"
    rc=$?
    run_pid=""
    secs=$(($(date +%s) - start))
    summary=$(grep -E '^[0-9]+% tests passed' "$logs/run-$i.txt" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        green=$((green + 1))
        echo "run $i/$runs: green in ${secs} s ($summary)"
    else
        failed=$(sed -n '/tests FAILED/,$ s/^[[:space:]]*[0-9]* - \([^ ]*\) .*/\1/p' "$logs/run-$i.txt" | tr '\n' ' ')
        [ "$rc" -eq 124 ] && failed="$failed(timed out after $per_run s)"
        echo "run $i/$runs: RED in ${secs} s (${summary:-no summary}) failed: ${failed:-see log}"
    fi
    i=$((i + 1))
done
stop_load
cat "$logs/loopback-load.txt" 2>/dev/null
echo "$green/$runs green (logs in $logs)"
[ "$green" -eq "$runs" ]
