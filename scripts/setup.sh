#!/usr/bin/env bash
# Prepares a fresh machine for Backprop: the font the plots use (Debian fonts-dejavu-core)
# and the data sets (scripts/install-data.sh). Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed"
then
    echo "setup: installing fonts-dejavu-core (text in plots)"
    as_root apt-get install -y fonts-dejavu-core \
        || { as_root apt-get update && as_root apt-get install -y fonts-dejavu-core; }
fi

"$here/install-data.sh"
