#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet (apt-get update
# once, only when something is missing). The test suites call it for the real services and
# tools they use (chromium, fonts-noto-cjk, qpdf, poppler-utils, ...), so a fresh machine
# needs nothing installed by hand. Needs root (CI and the developers' machines run as root);
# prints what it installed on stderr, nothing when all were there.
set -euo pipefail
missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "Debian packages missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# Another suite may be installing at the same moment: wait for dpkg's lock instead of failing.
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
	apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
	tail -30 "$log" >&2
	rm -f "$log"
	echo "could not install: ${missing[*]}" >&2
	exit 1
fi
rm -f "$log"
