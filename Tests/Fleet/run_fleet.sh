#!/usr/bin/env bash
# Federated rounds over a real mosquitto broker (issue 10).
#
#   Tests/Fleet/run_fleet.sh [clean|faults|all] [SMELT_BINARY]
#
# clean:  mosquitto (password file + per-device ACL) on 127.0.0.1:<random free port>, 20 device
#         processes and a coordinator run 50 rounds of sine TinyReptile; the final parameters must
#         equal `smelt coordinator --simulate` (same seed and schedule) within 1e-5.
# faults: the same fleet while 30 % of the devices are SIGKILLed, the broker is restarted once,
#         corrupt / replayed / impersonating payloads are injected and the coordinator is SIGKILLed
#         and restarted once; every round must complete; drops and reasons are reported. An
#         unknown device and a device publishing on another's topic must be refused.
# Exit 0 pass, 1 fail, 77 skipped (mosquitto missing and CI unset; with CI set that is a failure).
set -u
MODE=${1:-all}
SMELT=${2:-.build/debug/smelt}
SMELT=$(cd "$(dirname "$SMELT")" && pwd)/$(basename "$SMELT")
DEVICES=20

if ! command -v mosquitto >/dev/null || ! command -v mosquitto_passwd >/dev/null || ! command -v mosquitto_pub >/dev/null; then
    if [[ -n "${CI:-}" ]]; then echo "FAIL: mosquitto is not installed (CI is set): apt-get install -y mosquitto mosquitto-clients"; exit 1; fi
    echo "SKIP: mosquitto not installed; install with: apt-get install -y mosquitto mosquitto-clients"
    exit 77
fi
[[ -x "$SMELT" ]] || { echo "FAIL: $SMELT is not built"; exit 1; }

WORK=$(mktemp -d /tmp/smelt-fleet.XXXXXX)
PIDS=()
BROKER_PID=""
cleanup() {
    for p in "${PIDS[@]}" $BROKER_PID; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
    [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$WORK"/coord*.log; do [[ -f $f ]] && { echo "--- $f (tail)"; tail -20 "$f"; }; done; exit 1; }
now() { date +%s.%N; }

# --- broker: users, passwords, ACL --------------------------------------------------------------
ids() { for i in $(seq 0 $((DEVICES - 1))); do printf 'd%02d ' "$i"; done; }
: > "$WORK/passwd"
for u in coordinator $(ids) d99; do
    echo "pw-$u-$RANDOM" > "$WORK/$u.pw"
    mosquitto_passwd -b "$WORK/passwd" "$u" "$(cat "$WORK/$u.pw")" || fail "mosquitto_passwd"
done
cat > "$WORK/acl" <<'EOF'
# The coordinator announces rounds and reads every update and status.
user coordinator
topic write smelt/fleet/+/round
topic read smelt/fleet/+/update/+
topic read smelt/fleet/+/status/+

# Every other user (a device) reads rounds and writes only its own update and status topics.
pattern read smelt/fleet/+/round
pattern write smelt/fleet/+/update/%u
pattern write smelt/fleet/+/status/%u
EOF
chmod 600 "$WORK/passwd" "$WORK/acl"

start_broker() {  # $1 = port ("" picks a random free one)
    local port=$1 tries=0
    while :; do
        [[ -n "$1" ]] || port=$((20000 + (RANDOM * 7 + $$) % 40000))
        cat > "$WORK/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous false
password_file $WORK/passwd
acl_file $WORK/acl
persistence false
user $(id -un)
log_dest file $WORK/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
log_type subscribe
log_type debug
EOF
        mosquitto -c "$WORK/mosquitto.conf" >>"$WORK/mosquitto.out" 2>&1 &
        BROKER_PID=$!
        for _ in $(seq 50); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then PORT=$port; return 0; fi
            kill -0 $BROKER_PID 2>/dev/null || break
            sleep 0.05
        done
        kill -9 $BROKER_PID 2>/dev/null; wait $BROKER_PID 2>/dev/null
        tries=$((tries + 1)); [[ $tries -lt 10 ]] || fail "mosquitto did not start (see $WORK/mosquitto.out)"
    done
}
stop_broker() { kill $BROKER_PID 2>/dev/null; wait $BROKER_PID 2>/dev/null; BROKER_PID=""; }

config() {  # $1 = fleet name, $2 = round timeout [, $3 = strategy, $4 = devices per round, $5 = rounds]
    cat <<EOF
{"fleet": "$1", "strategy": "${3:-tinyreptile}", "seed": 7, "rounds": ${5:-50}, "devicesPerRound": ${4:-1},
 "samplesPerRound": 10, "innerLearningRate": 0.01, "outerStep": 0.3, "layers": [1, 40, 40, 1],
 "samplesPerDevice": null, "roundTimeout": $2, "maxAttempts": 3}
EOF
}

start_device() {  # $1 = fleet, $2 = id, $3... extra options
    local fleet=$1 id=$2; shift 2
    "$SMELT" device --broker "mqtt://127.0.0.1:$PORT" --fleet "$fleet" --id "$id" --password-file "$WORK/$id.pw" \
        --data "$WORK/data-$fleet/$id.json" "$@" >"$WORK/dev-$fleet-$id.log" 2>&1 &
    PIDS+=($!)
    eval "PID_$id=$!"
}

wait_round() {  # $1 = log, $2 = round; waits until "round N done" (or the run finished)
    local t0; t0=$(now)
    until grep -q "^round $2 done\|^finished" "$1" 2>/dev/null; do
        sleep 0.05
        awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 40) }' && fail "round $2 not reached in 40 s"
    done
}

# --- clean run: network result equals the in-process simulation -------------------------------
run_clean() {
    echo "== clean run: $DEVICES devices, 50 rounds of sine TinyReptile"
    start_broker ""
    config sine 20 > "$WORK/clean.json"  # generous: a slow machine must not cause a retry
    "$SMELT" coordinator "$WORK/clean.json" --write-data "$WORK/data-sine" >/dev/null || fail "write-data"
    "$SMELT" coordinator "$WORK/clean.json" --simulate --out "$WORK/sim.json" | tee "$WORK/sim.log" | sed 's/^/   sim: /'
    for id in $(ids); do start_device sine "$id"; done
    local t0; t0=$(now)
    "$SMELT" coordinator --broker "mqtt://coordinator@127.0.0.1:$PORT" --password-file "$WORK/coordinator.pw" \
        "$WORK/clean.json" --state "$WORK/clean.state.json" --out "$WORK/net.json" --expect "$WORK/sim.json" \
        >"$WORK/coord-clean.log" 2>&1 || fail "coordinator (clean) failed"
    grep "^finished\|^dropped\|^final\|^max" "$WORK/coord-clean.log" | sed 's/^/   net: /'
    grep -q "^dropped: nothing" "$WORK/coord-clean.log" || fail "clean run dropped messages"
    grep -q " 0 short round" "$WORK/coord-clean.log" || fail "clean run had short rounds"
    local procs; procs=$(grep -l "training finished" "$WORK"/dev-sine-*.log | wc -l)
    echo "   $procs device processes saw the end; wall time $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}') s"
    [[ $procs -eq $DEVICES ]] || fail "only $procs of $DEVICES devices finished"
    # A device started after the end sees the retained 'done' and waits instead of exiting.
    mv "$WORK/dev-sine-d00.log" "$WORK/dev-sine-d00.first.log"
    start_device sine d00
    for _ in $(seq 40); do grep -q "earlier run" "$WORK/dev-sine-d00.log" && break; sleep 0.05; done
    kill -0 $PID_d00 2>/dev/null && grep -q "earlier run" "$WORK/dev-sine-d00.log" || fail "a late device did not wait past the old 'done'"
    { kill $PID_d00; wait $PID_d00; } 2>/dev/null
    echo "   late device: $(cut -d' ' -f2- "$WORK/dev-sine-d00.log" | head -1)"

    echo "== clean run: Reptile, 5 of $DEVICES devices per round, 20 rounds"
    config sinereptile 20 reptile 5 20 > "$WORK/reptile.json"
    "$SMELT" coordinator "$WORK/reptile.json" --write-data "$WORK/data-sinereptile" >/dev/null || fail "write-data"
    "$SMELT" coordinator "$WORK/reptile.json" --simulate --out "$WORK/sim-reptile.json" >/dev/null || fail "simulate reptile"
    for id in $(ids); do start_device sinereptile "$id"; done
    "$SMELT" coordinator --broker "mqtt://coordinator@127.0.0.1:$PORT" --password-file "$WORK/coordinator.pw" \
        "$WORK/reptile.json" --state "$WORK/reptile.state.json" --expect "$WORK/sim-reptile.json" \
        >"$WORK/coord-reptile.log" 2>&1 || fail "coordinator (reptile) failed"
    grep "^finished\|^dropped\|^max" "$WORK/coord-reptile.log" | sed 's/^/   net: /'
    grep -q "^dropped: nothing" "$WORK/coord-reptile.log" || fail "reptile run dropped messages"
    stop_broker
    echo "PASS clean: network runs equal the simulation"
}

# --- fault run --------------------------------------------------------------------------------
run_faults() {
    echo "== fault run: kill 30 % of devices, restart the broker, inject bad payloads, restart the coordinator"
    start_broker ""
    local fleet=sinefault log="$WORK/coord-faults.log"
    config $fleet 1 > "$WORK/faults.json"
    "$SMELT" coordinator "$WORK/faults.json" --write-data "$WORK/data-$fleet" >/dev/null || fail "write-data"
    for id in $(ids); do
        case $id in
            d08|d10) start_device $fleet "$id" --inject corrupt,replay ;;
            d19) start_device $fleet "$id" --inject impersonate ;;
            *) start_device $fleet "$id" ;;
        esac
    done
    coordinator() {
        "$SMELT" coordinator --broker "mqtt://coordinator@127.0.0.1:$PORT" --password-file "$WORK/coordinator.pw" \
            "$WORK/faults.json" --state "$WORK/faults.state.json" >>"$log" 2>&1 &
        COORD=$!; PIDS+=($COORD)
    }
    local t0; t0=$(now)
    coordinator

    wait_round "$log" 5
    echo "   security: unknown device, device on another's topic, authorised user outside the fleet list"
    echo "nope" > "$WORK/intruder.pw"
    if "$SMELT" device --broker "mqtt://127.0.0.1:$PORT" --fleet $fleet --id intruder --password-file "$WORK/intruder.pw" \
        --data "$WORK/data-$fleet/d00.json" >"$WORK/intruder.log" 2>&1; then fail "intruder was accepted"; fi
    grep -q "refused the connection" "$WORK/intruder.log" || fail "intruder: no refusal message"
    echo "   unknown device 'intruder': $(tail -1 "$WORK/intruder.log")"
    mosquitto_pub -h 127.0.0.1 -p "$PORT" -u d01 -P "$(cat "$WORK/d01.pw")" -q 1 \
        -t "smelt/fleet/$fleet/update/d02" -m "forged update from d01" || fail "mosquitto_pub as d01"
    mosquitto_pub -h 127.0.0.1 -p "$PORT" -u d99 -P "$(cat "$WORK/d99.pw")" -q 1 \
        -t "smelt/fleet/$fleet/update/d99" -m "update from outside the fleet" || fail "mosquitto_pub as d99"

    wait_round "$log" 10
    local victims; victims=($(ids | tr ' ' '\n' | grep -v '^$' | grep -v '^d08$\|^d10$\|^d19$' | shuf -n 6))
    echo "   killing 6 of $DEVICES devices (30 %): ${victims[*]:0:3} now, ${victims[*]:3:3} at round 25"
    for id in "${victims[@]:0:3}"; do eval "kill -9 \$PID_$id; wait \$PID_$id" 2>/dev/null; done

    wait_round "$log" 18
    echo "   restarting the broker on port $PORT"
    stop_broker; sleep 0.3; start_broker "$PORT"

    wait_round "$log" 25
    for id in "${victims[@]:3:3}"; do eval "kill -9 \$PID_$id; wait \$PID_$id" 2>/dev/null; done

    wait_round "$log" 32
    echo "   killing the coordinator (SIGKILL) and restarting it"
    { kill -9 $COORD; wait $COORD; } 2>/dev/null
    coordinator
    local t1; t1=$(now)
    while kill -0 $COORD 2>/dev/null; do
        sleep 0.1
        awk -v a="$t1" -v b="$(now)" 'BEGIN { exit !(b - a > 60) }' && fail "coordinator did not finish"
    done
    wait $COORD || fail "restarted coordinator failed"
    echo "   wall time $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}') s"
    grep "resumed from\|^finished\|^dropped\|^final" "$log" | sed 's/^/   /'
    echo "   per-round drop lines (first of each reason):"
    grep "dropped\|did not answer\|is offline" "$log" | grep "^round" | sed 's/^round [0-9]*: //' | sed 's/(.*//' |
        awk '{ key=$0; gsub(/d[0-9][0-9]/, "", key); if (!(key in seen)) { seen[key]=1; print "     " $0 } }'

    grep -q "^finished 50 rounds" "$log" || fail "not every round completed"
    grep -q '"round" : 50\|"round":50' "$WORK/faults.state.json" || fail "state file does not say round 50"
    grep -q "resumed from .* at round" "$log" || fail "coordinator did not resume from its state"
    grep -q "reconnected to the broker" "$log" || fail "coordinator did not reconnect after the broker restart"
    for reason in "corrupt: checksum mismatch" "stale (round" "duplicate (round" "impersonation: payload says" \
                  "unknown device: d99 is not in the fleet list"; do
        grep -q "$reason" "$log" || fail "expected a drop '$reason' in the coordinator log"
    done
    grep -q "did not answer\|is offline; asking" "$log" || fail "no killed device was noticed"
    grep -q "dropped d02: corrupt: bad magic" "$log" && fail "d01's message on d02's topic reached the coordinator"
    grep -q "Denied PUBLISH from .*smelt/fleet/$fleet/update/d02" "$WORK/mosquitto.log" ||
        fail "mosquitto did not log the denied publish of d01 on d02's topic"
    echo "   broker (mosquitto_pub -u d01 on d02's topic): $(grep -m1 "Denied PUBLISH from .*update/d02" "$WORK/mosquitto.log" | cut -d' ' -f2-)"
    local reconnects; reconnects=$(grep -l "reconnected after" "$WORK"/dev-$fleet-*.log | wc -l)
    echo "   $reconnects device processes reconnected after the broker restart"
    stop_broker
    echo "PASS faults: all 50 rounds completed"
}

case $MODE in
    clean) run_clean ;;
    faults) run_faults ;;
    all) run_clean; run_faults ;;
    *) echo "usage: $0 [clean|faults|all] [SMELT_BINARY]"; exit 2 ;;
esac
