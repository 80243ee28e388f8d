#!/usr/bin/env bash
# The check step of action.yml: runs xxgk-lint on INPUT_PATHS (one per line) with INPUT_FORMAT to the log and SARIF to
# INPUT_SARIF_FILE, and records the exit code as the step's output `exit-code` instead of failing, so that the SARIF
# is uploaded before the action fails.
set -uo pipefail
paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "${INPUT_PATHS:-.}"
[ "${#paths[@]}" -eq 0 ] && paths=(.)
node "${GITHUB_ACTION_PATH:?}/bin/xxgk-lint.js" "${paths[@]}" \
  --locale "${INPUT_LOCALE:-zh-CN}" \
  --fail-on "${INPUT_FAIL_LEVEL:-error}" \
  --format "${INPUT_FORMAT:-github}" --output-file - \
  --format sarif --output-file "${INPUT_SARIF_FILE:-xxgk-lint.sarif}"
code=$?
echo "exit-code=$code" >> "${GITHUB_OUTPUT:?}"
exit 0
