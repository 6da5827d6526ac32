#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu), in the
# folder it unzipped the bundle to (/autograder/source). Written by `pnpm lab export --gradescope`
# from packages/lab/templates/gradescope/setup.sh in the course repository. It installs exactly
# the versions the course was exported with, so every submission is graded by the same tools.
set -euo pipefail

# Pinned at export time (the exporting machine's Node, the course's packageManager, the course).
NODE_VERSION=@NODE_VERSION@
PNPM_VERSION=@PNPM_VERSION@
COURSE_VERSION=@COURSE_VERSION@

here="$(cd "$(dirname "$0")" && pwd)"

# curl and xz for Node's tarball; iproute2 for the labs that read sockets with `ss`.
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl ca-certificates xz-utils iproute2 >/dev/null

# Node from its official release tarball, checked by its version.
curl -fsSL "https://nodejs.org/dist/v${NODE_VERSION}/node-v${NODE_VERSION}-linux-x64.tar.xz" |
  tar -xJ -C /usr/local --strip-components=1
test "$(node --version)" = "v${NODE_VERSION}"

# pnpm from npm (corepack's signature check fails on some registries), then exactly the
# lockfile's packages.
npm install -g "pnpm@${PNPM_VERSION}" >/dev/null
cd "$here/course"
pnpm install --frozen-lockfile

echo "netprog ${COURSE_VERSION} autograder ready: Node $(node --version), pnpm $(pnpm --version)"
