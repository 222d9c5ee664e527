#!/usr/bin/env bash
# Builds the Airbyte connector image from the compiled dist/ (`npm run image:build` compiles it first).
#
# Stages the app in .image-build/ (dist/src, schemas/, package.json and production dependencies installed
# exactly as locked), then `docker build`s the Dockerfile, which only copies that folder: no npm, no shell and
# no network inside the image build, so it works on any base holding a node binary.
#
# Environment:
#   BASE_IMAGE   base image with node 20 (default node:20-slim)
#   IMAGE_NAME   repository (default: dockerRepository from metadata.yaml)
#   IMAGE_TAG    tag (default: the package version, which metadata.yaml's dockerImageTag must equal)
# The image is tagged IMAGE_NAME:IMAGE_TAG; its io.airbyte.version label is always the package version.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "build-image: $*" >&2
  exit 1
}

[ -f dist/src/cli.js ] || fail "dist/src/cli.js is missing: run \"npm run build\" first (npm run image:build does)."
command -v docker > /dev/null || fail "the docker command is missing: install Docker (https://docs.docker.com/engine/install/)."

version=$(node -p 'require("./package.json").version')
repository=$(sed -n 's/^  dockerRepository: *//p' metadata.yaml)
[ -n "$repository" ] || fail "metadata.yaml has no data.dockerRepository."
image_name=${IMAGE_NAME:-$repository}
image_tag=${IMAGE_TAG:-$version}
base_image=${BASE_IMAGE:-node:20-slim}

stage=.image-build
rm -rf "$stage"
mkdir -p "$stage/app/dist" "$stage/airbyte"
cp package.json package-lock.json "$stage/app/"
# --ignore-scripts: the package's `prepare` script runs tsc, a dev dependency; the runtime dependencies are
# plain JavaScript with no install scripts.
(cd "$stage/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
cp -R dist/src "$stage/app/dist/src"
cp -R schemas "$stage/app/schemas"
# The image runs as uid 1000 over root-owned files: everything readable, nothing writable but by root.
chmod -R a+rX,go-w "$stage"

docker build \
  --build-arg "BASE_IMAGE=$base_image" \
  --build-arg "VERSION=$version" \
  --build-arg "IMAGE_NAME=$image_name" \
  --tag "$image_name:$image_tag" \
  .
echo "build-image: built $image_name:$image_tag (base $base_image)" >&2
