#!/usr/bin/env bash
# Sets up everything puckpath needs on a fresh machine: system packages (JDK 17, Maven,
# redis-server; Chromium and nginx for the tests, nginx for `make scale`) when missing, uv, and the locked virtualenv.
# Safe to run again: a second run installs nothing and downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
want=()
have_java() {
  for j in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    [ "$v" = 17 ] || [ "$v" = 21 ] && return 0
  done
  return 1
}
have_java || want+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || want+=(maven)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || want+=(redis-server)
if [ "${PUCKPATH_BROWSER_TESTS:-0}" = 1 ]; then
  command -v chromium >/dev/null || want+=(chromium)
  # `docker-compose config` validates docker-compose.yml in the tests; it needs no engine.
  command -v docker-compose >/dev/null || want+=(docker-compose)
fi
# nginx (the scale-out proxy, deploy/nginx/): for the tests and `make scale` (PUCKPATH_SCALE=1).
if [ "${PUCKPATH_BROWSER_TESTS:-0}" = 1 ] || [ "${PUCKPATH_SCALE:-0}" = 1 ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || want+=(nginx)
fi

if [ ${#want[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); elif sudo -n true 2>/dev/null; then apt_get=(sudo apt-get); else
    echo "puckpath setup: please install these Debian packages first: ${want[*]}" >&2
    echo "  (or point NEO4J_URI / REDIS_URL at running servers)" >&2
    exit 1
  fi
  echo "puckpath setup: installing ${want[*]}"
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

python=$(command -v python3.11 || command -v python3)
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "puckpath setup: Python 3.11 or newer is needed (found $("$python" --version))" >&2; exit 1; }
if [ ! -x .tools/uv/bin/uv ] || [ "$(.tools/uv/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "$python" -m venv .tools/uv
  .tools/uv/bin/pip install -q "uv==$UV_VERSION"
fi
UV_PYTHON="$python" .tools/uv/bin/uv sync --frozen --quiet
