#!/usr/bin/env bash
# Remakes the README's screenshots: three lessons mid-lesson, zh and en, at projector size in
# presenter mode and at laptop size in the normal layout (12 PNGs), and the scaling lesson's chart
# in both languages at laptop size (2 more), and presenter mode at 1366x768 zoomed in twice (2
# more); each a real X window under Xvfb.
#   resources/screenshots/shoot.sh [BUILD_DIR]      (default: build)
# Each lesson stops at a tick where its narration asks the predict-the-next-tick question, or
# just after one, so the picture shows a question or a verdict as well as the lanes. The
# lessons listen on their own ports (9991…), as the Python program beside them says.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
shot=${SCREENSHOT_TOOL:-$root/../shared/tools/screenshot.sh}
[ -x "$build/muxlab" ] || { echo "shoot.sh: no $build/muxlab; build it first" >&2; exit 1; }

# lesson:tick to stop at
lessons="multiport-welcome:2 rw-separation:5 poll-server:3"
for entry in $lessons; do
  lesson=${entry%%:*}; ticks=${entry##*:}
  for lang in en zh; do
    for size in 1920x1080 1366x768; do
      presenter=0; [ "$size" = 1920x1080 ] && presenter=1
      out="$here/$lesson-$lang-$size.png"
      # Another muxlab on the lesson's ports would make this one fall back to other ports
      # (and say so in the picture): wait a while for them to be free.
      for _ in $(seq 60); do
        ss -ltn 2>/dev/null | grep -qE '127\.0\.0\.1:(999[1-3]|8000) ' || break
        sleep 1
      done
      # A fresh settings file per shot: nothing remembered from a teacher's own session.
      cfg=$(mktemp -d)
      XDG_CONFIG_HOME=$cfg MUXLAB_STEP_AT_START=$ticks MUXLAB_PRESENTER=$presenter \
        "$shot" "$out" --wait 4 --size "$size" -- "$build/muxlab" --lesson "$lesson" --lang "$lang"
      rm -rf "$cfg"
    done
  done
done

# The scaling lesson's chart, filled in to tick 5 (10 to 10000 sockets measured), at laptop
# size; its figures are this machine's, measured while the window starts.
for lang in en zh; do
  cfg=$(mktemp -d)
  XDG_CONFIG_HOME=$cfg MUXLAB_STEP_AT_START=5 \
    "$shot" "$here/scaling-chart-$lang-1366x768.png" --wait 4 --size 1366x768 -- "$build/muxlab" --lesson scaling --lang "$lang"
  rm -rf "$cfg"
done

# Presenter mode on a laptop-sized projector, zoomed in twice (Ctrl+= twice): every list and the
# whole narration still fit and wrap.
for lang in en zh; do
  cfg=$(mktemp -d)
  XDG_CONFIG_HOME=$cfg MUXLAB_STEP_AT_START=4 MUXLAB_PRESENTER=1 \
    "$shot" "$here/presenter-zoom2-$lang-1366x768.png" --wait 4 --size 1366x768 \
    --keys "ctrl+equal ctrl+equal" -- "$build/muxlab" --lesson select-echo --lang "$lang"
  rm -rf "$cfg"
done
