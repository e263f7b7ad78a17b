#!/usr/bin/env bash
# Windows check: cross-builds qabyldau.exe (x86_64-pc-windows-gnu, Debian's mingw-w64),
# runs its command-line subcommands under wine and compares what they print (stdout,
# stderr, exit code) and the files they write with the Linux build doing the same.
#
# Skips (exit 0, with a clear message) only when wine or mingw truly cannot be
# installed here. Everything else that goes wrong fails.
#
# Cost (2 shared cores): the cross build dominates. The dev profile is used: it
# builds fastest and the subcommands answer the same; see the figures printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=x86_64-pc-windows-gnu
export CARGO_TERM_COLOR=never

say() { printf '[windows] %s\n' "$*"; }

# 1. Tools: mingw-w64 and wine from Debian.
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || ! command -v wine >/dev/null 2>&1; then
  say "installing gcc-mingw-w64-x86-64 and wine"
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq gcc-mingw-w64-x86-64 wine64 wine) >/tmp/qabyldau-wine-apt.log 2>&1; then
    say "SKIPPED: wine/mingw-w64 cannot be installed here (see /tmp/qabyldau-wine-apt.log):"
    tail -3 /tmp/qabyldau-wine-apt.log | sed 's/^/[windows]   /'
    exit 0
  fi
fi
if ! command -v wine >/dev/null 2>&1 || ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  say "SKIPPED: wine or x86_64-w64-mingw32-gcc still missing after installing"
  exit 0
fi
rustup target add "$TARGET" >/dev/null 2>&1

# 2. Builds: the .exe and the Linux binary, same profile.
t0=$(date +%s)
cargo build --quiet --target "$TARGET"
t1=$(date +%s)
cargo build --quiet
t2=$(date +%s)
EXE="$ROOT/target/$TARGET/debug/qabyldau.exe"
LIN="$ROOT/target/debug/qabyldau"
say "cross build: $((t1 - t0)) s; linux build: $((t2 - t1)) s; .exe $(du -k "$EXE" | cut -f1) KB"

# 3. A wine prefix of our own, with the ProcessPrng stand-in (Debian's wine 8 has no
#    bcryptprimitives.dll, which Rust's standard library imports).
WORK=$(mktemp -d /tmp/qabyldau-win.XXXXXX)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot --init >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -s -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  .ci/windows/bcryptprimitives.c .ci/windows/bcryptprimitives.def -ladvapi32
t3=$(date +%s)
say "wine prefix ready: $((t3 - t2)) s"

# 4. The same session on both builds, each in its own folder with relative paths,
#    so printed paths match up to the separator.
mkdir -p "$WORK/lin/out" "$WORK/win/out"
cat >"$WORK/appeals.csv" <<'CSV'
registered_on,channel,surname,name,patronymic,iin,phone,language,category,settlement,topic,essence
2026-03-02,walk_in,Өмірбекова,Айгүл,Серікқызы,,8 701 234 56 78,kk,,Хромтау,land,Жер телімі
05.03.2026,phone,Иванов,Петр,,,+7 702 000 11 22,ru,disability,Хромтау,Жилищные вопросы,"Ремонт, крыша"
CSV
cp "$WORK/appeals.csv" "$WORK/lin/"
cp "$WORK/appeals.csv" "$WORK/win/"

STEPS=(
  "calendar show 2026"
  "calendar add-working-days 2026-03-20 15"
  "import appeals.csv --dry-run"
  "import appeals.csv"
  "check"
  "export appeals --quarter 2026Q1 --format csv --out out/appeals.csv"
  "export appeals --quarter 2026Q1 --format csv --media --out out/media.csv"
  "report --quarter 2026Q1 --format html --out out/report.html"
  "report --quarter 2026Q1 --format xlsx --out out/report.xlsx"
  "backup --out out/copy.sqlite"
  "backup"
  "restore out/copy.sqlite"
  "check"
  "restore appeals.csv"
  "operator list"
  "--db \\\\server\\share\\q.sqlite import appeals.csv"
)

# Normalises what differs by platform only: path separators, CRLF, the time in
# automatic file names, and the program's name in messages.
norm() {
  sed -e 's/\r$//' -e 's#\\#/#g' \
      -e 's/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}-[0-9]\{6\}/DATE-TIME/g' \
      -e 's/[0-9]\{8\}-[0-9]\{6\}/DATETIME/g' \
      -e 's/qabyldau\.exe/qabyldau/g'
}

run_side() { # side binary-command...
  local side=$1; shift
  local i=0
  for step in "${STEPS[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    (cd "$WORK/$side" && QABYLDAU_DB=q.sqlite QABYLDAU_CONFIG=config TZ=UTC \
       "$@" $step >"$WORK/$side.$i.out" 2>"$WORK/$side.$i.err"; echo $? >"$WORK/$side.$i.rc") || true
  done
}

run_side lin "$LIN"
t4=$(date +%s)
run_side win wine "$EXE"
t5=$(date +%s)
say "linux session: $((t4 - t3)) s; wine session: $((t5 - t4)) s"

fail=0
i=0
for step in "${STEPS[@]}"; do
  i=$((i + 1))
  for part in out err rc; do
    if ! diff <(norm <"$WORK/lin.$i.$part") <(norm <"$WORK/win.$i.$part") >"$WORK/diff" 2>&1; then
      say "DIFFERS: '$step' ($part):"
      sed 's/^/[windows]   /' "$WORK/diff" | head -20
      fail=1
    fi
  done
  if [ "$(cat "$WORK/win.$i.rc")" != "$(cat "$WORK/lin.$i.rc")" ]; then fail=1; fi
done

# The files both sides wrote: the exports byte for byte; the report and the copies
# exist and are not empty (they carry the time of writing).
for f in out/appeals.csv out/media.csv; do
  if ! cmp -s "$WORK/lin/$f" "$WORK/win/$f"; then
    say "DIFFERS: file $f"
    fail=1
  fi
done
for f in out/report.html out/report.xlsx out/copy.sqlite; do
  if [ ! -s "$WORK/win/$f" ]; then
    say "MISSING on Windows: $f"
    fail=1
  fi
done
for side in lin win; do
  n=$(find "$WORK/$side/backups" -name 'qabyldau-*.sqlite' 2>/dev/null | wc -l)
  r=$(find "$WORK/$side" -maxdepth 1 -name 'q.sqlite.replaced-*' ! -name '*.seal' | wc -l)
  if [ "$n" != 1 ] || [ "$r" != 1 ]; then
    say "$side: expected one backup in backups/ and one replaced database, found $n and $r"
    fail=1
  fi
done
# Nothing half-written left behind.
if find "$WORK/win" "$WORK/lin" -name '*.part' -o -name '*.partial' | grep -q .; then
  say "temporary files left behind:"; find "$WORK/win" "$WORK/lin" -name '*.part' -o -name '*.partial'
  fail=1
fi
# Every expected-success step must have succeeded on Windows too (backup/restore
# included), not just failed the same way.
i=0
for step in "${STEPS[@]}"; do
  i=$((i + 1))
  rc=$(cat "$WORK/win.$i.rc")
  case "$step" in
    "restore appeals.csv") [ "$rc" = 2 ] || { say "'$step' should be refused (2), got $rc"; fail=1; } ;;
    --db*) [ "$rc" = 1 ] || { say "'$step' (a network share) should be refused (1), got $rc"; fail=1; } ;;
    *) [ "$rc" = 0 ] || { say "'$step' failed on Windows (exit $rc): $(head -c 300 "$WORK/win.$i.err")"; fail=1; } ;;
  esac
done

if [ "$fail" = 0 ]; then
  say "OK: ${#STEPS[@]} subcommands answer the same under wine as on Linux (backup and restore included)"
else
  say "FAILED"
  exit 1
fi
