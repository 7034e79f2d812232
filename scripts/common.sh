# SPDX-License-Identifier: Apache-2.0
# Shared by scripts/run and scripts/test: install what is missing, configure once, build incrementally.
# Source it; do not run it.

set -euo pipefail

FW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Paths relative to the checkout in ccache's keys, so a fresh clone elsewhere hits the same cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$FW_ROOT}"
# Three builds (dev, asan, fuzz) need more than ccache's 5 GB default, which evicted most of
# them between CI runs (9.5 % hits), so every run rebuilt from scratch.
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-15G}"
# Warnings are errors in the dev and asan builds, a developer's as CI's: with -Werror only under CI the
# flags, so ccache's keys, differed, and a local run never warmed the cache a CI run compiles from.
# FW_WERROR=OFF relaxes it for a local build.
FW_WERROR="${FW_WERROR:-ON}"

# Debian 12 packages the build, the tests and the GUI need. The second line: the package's
# generated files (manual pages by help2man, icons by rsvg-convert) and its checks (lintian,
# appstreamcli, desktop-file-validate, man, dpkg-shlibdeps); the last: fleetwright-mpi and its test
# under mpirun.
FW_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache python3 file
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  libsqlite3-dev libboost-graph-dev coinor-libcbc-dev libgtest-dev nlohmann-json3-dev libxlsxwriter-dev libcsv-dev
  xvfb xauth poppler-utils fonts-dejavu-core python3-networkx
  help2man librsvg2-bin lintian appstream desktop-file-utils man-db dpkg-dev
  clang-14 libfuzzer-14-dev
  libopenmpi-dev openmpi-bin
)

fw_install_dependencies() {
  local missing=()
  local package
  for package in "${FW_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "Installing missing packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# fw_elapsed: seconds since the script started, as "1 min 23 s" (bash's SECONDS).
fw_elapsed() {
  printf '%d min %d s' $((SECONDS / 60)) $((SECONDS % 60))
}

# fw_build PRESET [extra cmake -D options...]: configures on first use, then builds what changed.
fw_build() {
  local preset="$1"
  shift
  local dir="$FW_ROOT/build/$preset"
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    (cd "$FW_ROOT" && cmake --preset "$preset" "$@")
  elif (($# > 0)); then
    cmake -S "$FW_ROOT" -B "$dir" "$@" >/dev/null
  fi
  cmake --build "$dir" --parallel "$(nproc)"
}
