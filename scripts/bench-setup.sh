# Sourced by the bench-*.sh scripts: from the repository root, a release build of rebound
# in $bin and a scratch directory in $work, removed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product rebound >/dev/null
bin=$PWD/.build/release/rebound
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
