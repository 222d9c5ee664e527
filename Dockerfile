# The Airbyte source image of tap-bigcommerce: `docker run IMAGE spec|check|discover|read ...`.
#
# Build it with `npm run image:build` (scripts/build-image.sh), not by hand: the script compiles dist/, stages
# the app with production dependencies only (`npm ci --omit=dev`) in .image-build/, and passes VERSION from
# package.json. Nothing runs npm, a shell or a package manager inside the image, so the same file builds on
# node:20-slim and on a bare base holding only a node binary (the image test builds one; no registry needed).
#
# Airbyte's conventions (docs/platform/understanding-airbyte/airbyte-protocol-docker.md): AIRBYTE_ENTRYPOINT
# equals ENTRYPOINT with absolute paths (Airbyte on Kubernetes runs `sh -c 'eval "$AIRBYTE_ENTRYPOINT read …"'`,
# so a published base needs /bin/sh: node:20-slim has it), a non-root user (uid 1000, as in Airbyte's own base
# images), a writable /airbyte directory for mounted files, io.airbyte.* labels.

ARG BASE_IMAGE=node:20-slim
FROM ${BASE_IMAGE}

ARG VERSION
ARG IMAGE_NAME=tap-bigcommerce/source-bigcommerce

# Only what the tap reads at run time: dist/src, schemas/, package.json and production node_modules.
# Files stay owned by root: the connector's user can read them, never change them.
COPY .image-build/app/ /app/
# Empty, owned by the connector's user: where Airbyte mounts config, catalog and state.
COPY --chown=1000:1000 .image-build/airbyte/ /airbyte/
WORKDIR /airbyte

ENV NODE_ENV=production
ENV AIRBYTE_ENTRYPOINT="node /app/dist/src/cli.js airbyte"
ENTRYPOINT ["node", "/app/dist/src/cli.js", "airbyte"]

LABEL io.airbyte.name="${IMAGE_NAME}"
LABEL io.airbyte.version="${VERSION}"

# Numeric, so it needs no /etc/passwd entry in the base (node:20-slim names uid 1000 `node`).
USER 1000:1000
