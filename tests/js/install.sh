#!/bin/sh
# Install the pinned ical.js (tests/js/package-lock.json) that the invite tests read calendars
# with. Without npm, or offline, those checks skip: this says so and exits 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "tests/js: node or npm not found; the ical.js checks of invites will be skipped" >&2
    exit 0
fi
if ! (cd "$here" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null); then
    echo "tests/js: could not install ical.js (offline?); the ical.js checks of invites will be skipped" >&2
    exit 0
fi
