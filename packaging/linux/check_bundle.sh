#!/bin/sh
# Run the bundle's self-test the way a user's machine would: from a copy outside the
# repository, with a clean environment (no PYTHONPATH, no venv, no display).
#   packaging/linux/check_bundle.sh dist/casedesk
set -eu
bundle=${1:-dist/casedesk}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/casedesk-bundle-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -a "$bundle" "$tmp/casedesk"
mkdir -p "$tmp/home"
cd "$tmp"
env -i HOME="$tmp/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$tmp/casedesk/casedesk" --self-test
