#!/usr/bin/env bash
# Measures drawing at scale and prints it as tables:
#   1. the whole frame (scene to pixels) at 1920×1080 on generated maps of
#      10,000 actors / 50,000 ties and 100,000 / 200,000, with short and long
#      ties, fitted and at zoom 1 (BenchmarkFrame); the hit test on 100,000
#      actors (BenchmarkHitTest);
#   2. the app on a generated 10,000-actor, 50,000-tie map: its first layout
#      (kept in the file), opening it to a first frame with the layout kept,
#      and, in the real window under Xvfb at 1400×880 and at 900×600, the
#      UI's waits and peak memory while opening, panning, zooming, dragging
#      the slider and playing.
#
#   bash scripts/bench-render.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
bash scripts/setup.sh --test >/dev/null
work=$(mktemp -d)
cleanup() {
  if [ -n "${app:-}" ]; then kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true; fi
  [ -n "${xvfb:-}" ] && kill -TERM "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
# Three runs of each benchmark, the median shown: this machine's speed
# varies by tens of percent from minute to minute.
go test -run XXX -bench 'Frame|HitTest' -benchtime 20x -count 3 ./render >"$work/bench" 2>&1 || { cat "$work/bench" >&2; exit 1; }
printf '\n%-8s %-7s %-6s %-7s %10s %14s  %-18s %s\n' actors ties kind view "ms/frame" "cpu-ms/frame" "(least, most ms)" "first frame ms"
awk '
  function median(s,   n, v, i, j, t) {
    n = split(s, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    lo = v[1]; hi = v[n]
    return v[int((n + 1) / 2)]
  }
  /^BenchmarkFrame\// {
    if (!($1 in ms)) order[++count] = $1
    ms[$1] = ms[$1] " " $3 / 1e6; cpu[$1] = cpu[$1] " " $5; first[$1] = first[$1] " " $7
  }
  /^BenchmarkHitTest-/ { actor = actor " " $3 / 1000 }
  /^BenchmarkHitTestTie-/ { tie = tie " " $3 / 1e6 }
  END {
    for (k = 1; k <= count; k++) {
      name = order[k]; split(name, f, "/"); sub(/-[0-9]+$/, "", f[5])
      m = median(ms[name]); l = lo; h = hi; c = median(cpu[name]); fi = median(first[name])
      printf "%-8s %-7s %-6s %-7s %10.1f %14.1f  %-18s %.1f\n", substr(f[2], 8), substr(f[3], 6), f[4], f[5], m, c, sprintf("(%.1f, %.1f)", l, h), fi
    }
    printf "\nhit test of an actor, 100,000 actors: %.2f µs\n", median(actor)
    printf "hit test of a tie, 10,000 actors / 50,000 ties: %.2f ms\n", median(tie)
  }' "$work/bench"

echo
go build -tags x11 -o bin/relmap ./cmd/relmap
go run ./scripts/datasets generate --actors 10000 --ties 50000 --dates 2000 "$work/csv" >/dev/null 2>&1
map="$work/big.relmap"
bin/relmap import --map "$map" "$work/csv/actors.csv" "$work/csv/ties.csv" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time" bin/relmap render --map "$map" --at 1950-01-01 --out "$work/big.png" >/dev/null
awk '{printf "10,000 actors / 50,000 ties / 2,000 dates: first layout %.1f s, %.0f MB\n", $1, $2 / 1024}' "$work/time"
open=$(cd ui && RELMAP_BENCH_MAP="$map" go test -tags x11 -run XXX -bench OpenKept -benchtime 3x . |
  awk '/BenchmarkOpenKept/ {printf "%.2f", $3 / 1e9}')
echo "opening it to a first frame, layout kept: $open s"

display=:97
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display

# window W H: opens the map in a W×H window and prints the UI rows: the
# longest the UI goroutine kept the user waiting while opening, panning,
# zooming, dragging the slider and playing, as a function handed to it
# waited and as its loop was held between two turns. Under Xvfb the window is drawn
# by software GL, whose cost follows the window's area.
window() {
  local W=$1 H=$2
  rm -rf "$work/xdg" && mkdir -p "$work/xdg/config" "$work/xdg/data" "$work/xdg/cache"
  local start shown
  start=$(date +%s.%N)
  XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache" \
    RELMAP_LATENCY_LOG="$work/latency" bin/relmap "$map" >"$work/app.log" 2>&1 &
  app=$!
  win=$(timeout 30 xdotool search --sync --name relmap | head -1)
  shown=$(date +%s.%N)
  echo
  echo "window ${W}×${H}: up after $(echo "$shown - $start" | bc | xargs printf '%.2f') s"
  xdotool windowsize "$win" "$W" "$H"
  sleep 3
  : >"$work/latency"
  ui "opening (idle)"
  xdotool mousemove --window "$win" $((W * 3 / 10)) $((H / 2)) mousedown 1
  for i in $(seq 1 40); do xdotool mousemove_relative -- 6 4; sleep 0.02; done
  xdotool mouseup 1
  ui "panning"
  for i in $(seq 1 15); do xdotool click 4; sleep 0.04; done
  for i in $(seq 1 15); do xdotool click 5; sleep 0.04; done
  ui "zooming"
  # The slider runs along the foot of the window.
  xdotool mousemove --window "$win" 200 $((H - 62)) mousedown 1
  for i in $(seq 1 40); do xdotool mousemove_relative -- $((W / 70)) 0; sleep 0.03; done
  xdotool mouseup 1
  ui "dragging the slider"
  xdotool key space
  sleep 8
  xdotool key space
  ui "playing"
  import -window root "$work/window-$W.png" 2>/dev/null || true
  awk '/VmHWM/ {printf "peak memory of the app: %.0f MB\n", $2 / 1024}' "/proc/$app/status"
  kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  app=
}
ui() { # ui NAME: the waits so far, cumulative
  sleep 1.5
  printf "%-26s %s\n" "$1" "$(cat "$work/latency")"
}
window 1400 880
window 900 600
echo "(the latency lines are cumulative: samples taken, the longest wait for a function handed to the UI,"
echo " and such waits over 100 ms; the UI loop's turns, the longest gap between two, and gaps over 100 ms)"
