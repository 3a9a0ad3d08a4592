#!/usr/bin/env bash
# `npm run deploy`: the one command that deploys the back end to a CloudBase environment
# (docs/deploy.md). It
#   1. checks that ENV_ID, DATA_KEY and SETUP_SECRET are set (cloudbaserc.json reads them as
#      {{env.ENV_ID}}, {{env.DATA_KEY}}, {{env.SETUP_SECRET}});
#   2. builds every function (npm run build:functions);
#   3. provisions the database: collections, permissions and indexes (npm run cloudbase:db), before
#      the functions, so new code never meets a collection or an index that is not there yet;
#   4. deploys every function of cloudbaserc.json with the CloudBase CLI: code, runtime, handler,
#      timeout, memory, environment variables and the scheduler's timer trigger, installing the
#      pinned dependencies in the cloud (`--force` updates functions that already exist).
# Running it again is safe: every step converges on the same state.
#
# The CLI is not a dependency of this repository (it is large and only the operator needs it): the
# script runs `tcb` if it is on PATH (npm install -g @cloudbase/cli@2), otherwise
# `npx --yes @cloudbase/cli@2`. TCB="..." overrides both. Log in first: `tcb login`, or
# `tcb login --apiKeyId "$TENCENTCLOUD_SECRETID" --apiKey "$TENCENTCLOUD_SECRETKEY"` in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for name in ENV_ID DATA_KEY SETUP_SECRET TENCENTCLOUD_SECRETID TENCENTCLOUD_SECRETKEY; do
  if [ -z "${!name:-}" ]; then missing+=("$name"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "deploy: set ${missing[*]} first (docs/deploy.md)" >&2
  exit 1
fi
# DATA_KEY: 32 random bytes in base64 (44 characters); SETUP_SECRET: at least 16 characters.
if [ "$(printf '%s' "$DATA_KEY" | base64 -d 2>/dev/null | wc -c)" -ne 32 ]; then
  echo "deploy: DATA_KEY must be 32 bytes in base64 (docs/deploy.md, step 2)" >&2
  exit 1
fi
if [ "${#SETUP_SECRET}" -lt 16 ]; then
  echo "deploy: SETUP_SECRET must have at least 16 characters" >&2
  exit 1
fi

if [ -n "${TCB:-}" ]; then
  read -r -a tcb <<<"$TCB"
elif command -v tcb >/dev/null 2>&1; then
  tcb=(tcb)
else
  tcb=(npx --yes @cloudbase/cli@2)
fi

echo "== 1/3 build the functions"
npm run build:functions

echo "== 2/3 collections, permissions and indexes of $ENV_ID"
npm run cloudbase:db -- --env "$ENV_ID"

echo "== 3/3 deploy every function of cloudbaserc.json to $ENV_ID"
"${tcb[@]}" fn deploy --all --force -e "$ENV_ID"

echo "deployed to $ENV_ID. Next: run the setup function once (docs/deploy.md, step 6):"
echo "  tcb fn invoke setup -e $ENV_ID --params '{\"action\":\"run\",\"data\":{\"secret\":\"<SETUP_SECRET>\"}}'"
