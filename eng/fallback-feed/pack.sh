#!/usr/bin/env bash
# Rebuilds the stand-in packages in packages/ from the .nuspec files under src/.
# After re-packing an unchanged version, delete that id from ~/.nuget/packages
# (e.g. rm -rf ~/.nuget/packages/identitymodel/6.2.0.1) or restore keeps the cached copy.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A fixed timestamp makes re-packing the same sources give byte-identical .nupkg files.
: "${SOURCE_DATE_EPOCH:=1795392000}" # 2026-11-23T00:00:00Z
for id in Patched.DistributedLock.Postgres IdentityModel; do
  rm -f "$here/packages/${id}".*.nupkg
  # --artifacts-path keeps bin/ and obj/ out of the source tree.
  dotnet pack "$here/src/$id/$id.csproj" --nologo -v quiet \
    --artifacts-path "$work" -o "$here/packages" \
    -p:DeterministicTimestamp="$SOURCE_DATE_EPOCH"
done
ls -l "$here/packages"
