#!/bin/sh
# The .deb a teacher installs on classroom machines: built by cpack from this build dir, its
# files and control fields checked, unpacked into a temporary root and the unpacked muxlab run
# from / (so nothing can come from the current directory or the source tree), and its desktop
# entry, AppStream metadata and man page validated.
#   check_package.sh SOURCE_DIR BUILD_DIR VERSION
set -eu
src=$1
build=$2
version=$3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli groff; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/setup installs it)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/muxlab-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# 1. Build the package. -B keeps cpack's output out of the build dir.
arch=$(dpkg --print-architecture)
deb=$tmp/out/muxlab_${version}_${arch}.deb
(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
    { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
[ -f "$deb" ] || { ls "$tmp/out" >&2; fail "cpack made no $(basename "$deb")"; }
echo "ok   built $(basename "$deb"): $(stat -c %s "$deb") bytes"

# 2. Its control fields: dependencies from dpkg-shlibdeps, the recommended clients.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = muxlab ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ "$(field Section)" = education ] || fail "Section is '$(field Section)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ "$(field Description | wc -l)" -gt 1 ] || fail "the Description has no long description"
! field Description | grep -q ';' || fail "the Description holds a CMake list: $(field Description)"
for dep in libc6 libqt6core6 libqt6widgets6 libqt6charts6 libqt6svg6; do
    field Depends | grep -q "\\b$dep\\b" || fail "Depends lacks $dep (dpkg-shlibdeps): $(field Depends)"
done
for rec in python3 netcat-openbsd; do
    field Recommends | grep -q "\\b$rec\\b" || fail "Recommends lacks $rec: $(field Recommends)"
done
echo "ok   control: Depends $(field Depends | tr ',' '\n' | wc -l) packages; Recommends $(field Recommends)"

# 3. Its files: everything under /usr, nothing else (no test binary, no static library).
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' | grep -v '/$' | sort >"$tmp/files"
for f in usr/bin/muxlab \
    usr/lib/muxlab/libmuxtrace.so \
    usr/share/muxlab/lessons/README.md \
    usr/share/applications/muxlab.desktop \
    usr/share/metainfo/org.example.muxlab.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/muxlab.svg \
    usr/share/man/man1/muxlab.1.gz \
    usr/share/doc/muxlab/copyright; do
    grep -qx "$f" "$tmp/files" || fail "the package lacks /$f"
done
(cd "$src/lessons" && find . -name '*.py' -not -path '*/__pycache__/*' | sed 's|^\./|usr/share/muxlab/lessons/|' | sort) >"$tmp/py"
[ -s "$tmp/py" ] || fail "no lessons/**/*.py found in $src"
missing=$(comm -23 "$tmp/py" "$tmp/files")
[ -z "$missing" ] || fail "the package lacks lesson files: $missing"
stray=$(grep -Ev '^usr/(bin/muxlab|lib/muxlab/libmuxtrace\.so|share/(muxlab/lessons|applications|metainfo|icons/hicolor|man/man1|doc/muxlab)/)' "$tmp/files" || true)
[ -z "$stray" ] || fail "the package holds files it should not: $stray"
echo "ok   files: $(wc -l <"$tmp/files") files, $(wc -l <"$tmp/py") lesson Python files"

# 4. Unpack and run the unpacked binary from /, with nothing pointing it at a lessons folder.
root=$tmp/root
dpkg-deb -x "$deb" "$root"
muxlab=$root/usr/bin/muxlab
unset MUXLAB_LESSONS_DIR
run() { (cd / && env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen "$muxlab" "$@"); }

run --list-lessons >"$tmp/list" || fail "muxlab --list-lessons exited $?"
lessons=$(find "$src/lessons" -name '*.json' | wc -l)
[ "$(wc -l <"$tmp/list")" -eq "$lessons" ] ||
    fail "--list-lessons printed $(wc -l <"$tmp/list") lessons, the source has $lessons"
grep -q "^select-echo	" "$tmp/list" || fail "--list-lessons has no select-echo"
echo "ok   --list-lessons from /: $lessons lessons"

run --headless --lesson select-echo >"$tmp/headless" 2>&1 ||
    { cat "$tmp/headless" >&2; fail "muxlab --headless --lesson select-echo did not exit 0"; }
tail -n 1 "$tmp/headless" | grep -qx '# every checkpoint held' || fail "headless run did not end well"
echo "ok   --headless --lesson select-echo from /: $(grep -c '^tick ' "$tmp/headless") ticks, every checkpoint held"

# --exec finds its preload library beside the unpacked binary (lib/muxlab/) and traces a real call.
run --exec --headless -- /usr/bin/python3 -c "import select, socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); select.select([s], [], [], 0)" >"$tmp/exec" 2>&1 ||
    { cat "$tmp/exec" >&2; fail "muxlab --exec --headless did not exit 0"; }
grep -q '^tick 1 .*select(' "$tmp/exec" || { cat "$tmp/exec" >&2; fail "--exec printed no select tick"; }
echo "ok   --exec from /: the unpacked lib/muxlab/libmuxtrace.so traced a real select"

# The lesson's client is found beside the unpacked binary, not in the tree it was built from.
script=$(run --client-script select-echo) || fail "--client-script select-echo exited $?"
want=$(cd "$root/usr/share/muxlab/lessons/000-select-socket" && pwd -P)/echo_client.py
[ "$script" = "$want" ] || fail "--client-script printed '$script', not '$want'"
[ -f "$script" ] || fail "$script does not exist"
if command -v python3 >/dev/null; then
    (cd / && python3 "$script" --help >/dev/null) || fail "python3 $script --help failed"
fi
mv "$root/usr/share/muxlab" "$root/usr/share/muxlab.away"
if run --client-script select-echo >"$tmp/away" 2>&1; then
    fail "with share/muxlab moved away --client-script still found '$(cat "$tmp/away")'"
fi
mv "$root/usr/share/muxlab.away" "$root/usr/share/muxlab"
echo "ok   --client-script select-echo: $script (and nothing once share/muxlab is gone)"

# 5. The desktop entry, the AppStream metadata and the man page.
desktop-file-validate "$root/usr/share/applications/muxlab.desktop" >"$tmp/dfv" 2>&1 ||
    { cat "$tmp/dfv" >&2; fail "desktop-file-validate failed"; }
! grep -Eq 'error|warning' "$tmp/dfv" || { cat "$tmp/dfv" >&2; fail "desktop-file-validate warns"; }
metainfo=$root/usr/share/metainfo/org.example.muxlab.metainfo.xml
appstreamcli validate --no-net "$metainfo" >"$tmp/as" 2>&1 ||
    { cat "$tmp/as" >&2; fail "appstreamcli validate --no-net failed"; }
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
echo "ok   desktop-file-validate, appstreamcli validate --no-net"

gzip -dc "$root/usr/share/man/man1/muxlab.1.gz" >"$tmp/muxlab.1"
grep -q "^\.TH MUXLAB 1 .*\"muxlab $version\"" "$tmp/muxlab.1" || fail "the man page is not of muxlab $version"
if ! groff -man -ww -z "$tmp/muxlab.1" 2>"$tmp/groff" || [ -s "$tmp/groff" ]; then
    cat "$tmp/groff" >&2
    fail "groff warns about the man page"
fi
sed 's/\\-/-/g' "$tmp/muxlab.1" >"$tmp/muxlab.1.txt"
run --help >"$tmp/help"
# shellcheck disable=SC2013 # the options are words
for opt in $(grep -Eo -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
    grep -q -- "$opt\\b" "$tmp/muxlab.1.txt" || fail "the man page does not mention $opt (muxlab --help does)"
done
sed -n '/^\.SH EXIT STATUS/,/^\.SH ENVIRONMENT/p' "$tmp/muxlab.1" >"$tmp/exit"
for status in 0 1 2; do
    grep -q "^\.B $status\$" "$tmp/exit" || fail "the man page's EXIT STATUS lacks $status"
done
echo "ok   man page: every option of --help, exit statuses 0/1/2"
