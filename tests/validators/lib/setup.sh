# Sourced by the validate-*.sh scripts: checks the arguments, makes sure the pinned packages are installed, then
# runs the check. Prints nothing on stdout (that is the check's).
#   validate_with CHECK USAGE "$@"      CHECK is a file in lib/ without .js
VALIDATORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

install_packages() {
  local stamp="$VALIDATORS_DIR/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ ! "$VALIDATORS_DIR/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "the validators need Node.js and npm (Node 18 or newer)" >&2
    exit 3
  fi
  # One install at a time: parallel test processes wait for the first one (the C# runner takes the same lock).
  (
    exec 9>"$VALIDATORS_DIR/.npm-ci.lock"
    flock 9
    if [ -f "$stamp" ] && [ ! "$VALIDATORS_DIR/package-lock.json" -nt "$stamp" ]; then
      exit 0
    fi
    echo "[validators] npm ci (the versions package-lock.json pins) ..." >&2
    cd "$VALIDATORS_DIR" && npm ci --no-audit --no-fund --loglevel=error 1>&2
  ) || { echo "npm ci failed in $VALIDATORS_DIR" >&2; exit 3; }
}

validate_with() {
  local check="$1" usage="$2"
  shift 2
  if [ "$#" -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    echo "usage: $usage   (exit 0 valid, 1 invalid, 2 usage or unreadable file, 3 setup)" >&2
    exit 2
  fi
  if ! command -v node >/dev/null 2>&1; then
    echo "the validators need Node.js and npm (Node 18 or newer)" >&2
    exit 3
  fi
  install_packages
  exec node "$VALIDATORS_DIR/lib/$check.js" "$@"
}
