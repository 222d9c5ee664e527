/**
 * The Airbyte image's files, checked without Docker (`npm run test:image` builds and runs the image itself):
 * metadata.yaml against Airbyte's ConnectorMetadataDefinitionV0 and the package, the Dockerfile against
 * Airbyte's image conventions, and .dockerignore against leaking anything but the staged app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../airbyte/helpers.js';

const read = (name: string) => readFileSync(join(repoRoot, name), 'utf8');
const packageVersion = (JSON.parse(read('package.json')) as { version: string }).version;

/** ConnectorMetadataDefinitionV0 (airbytehq/airbyte, metadata_service models): required and allowed `data` keys. */
const REQUIRED_DATA_KEYS = [
  'name',
  'definitionId',
  'connectorType',
  'dockerRepository',
  'dockerImageTag',
  'license',
  'documentationUrl',
  'githubIssueLabel',
  'connectorSubtype',
  'releaseStage',
];
const ALLOWED_DATA_KEYS = [
  ...REQUIRED_DATA_KEYS,
  'icon',
  'connectorBuildOptions',
  'supportsDbt',
  'supportsNormalization',
  'maxSecondsBetweenMessages',
  'releaseDate',
  'protocolVersion',
  'supportLevel',
  'tags',
  'registries',
  'allowedHosts',
  'releases',
  'normalizationConfig',
  'suggestedStreams',
  'resourceRequirements',
  'ab_internal',
  'remotePackageIndex',
];

interface Metadata {
  metadataSpecVersion: string;
  data: Record<string, unknown> & {
    dockerRepository: string;
    dockerImageTag: string;
    definitionId: string;
    documentationUrl: string;
    connectorBuildOptions?: { baseImage?: string };
  };
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function dockerfileInstructions(): Array<{ keyword: string; rest: string }> {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), rest: rest.join(' ') };
    });
}

describe('metadata.yaml', () => {
  const metadata = parseYaml(read('metadata.yaml')) as Metadata;

  test('has every key ConnectorMetadataDefinitionV0 requires, and no key it does not allow', () => {
    expect(Object.keys(metadata).sort()).toEqual(['data', 'metadataSpecVersion']);
    expect(metadata.metadataSpecVersion).toBe('1.0');
    for (const key of REQUIRED_DATA_KEYS) expect(metadata.data, key).toHaveProperty(key);
    for (const key of Object.keys(metadata.data)) expect(ALLOWED_DATA_KEYS, `unknown data key ${key}`).toContain(key);
  });

  test('describes an alpha community API source whose image tag is the package version', () => {
    expect(metadata.data).toMatchObject({
      connectorType: 'source',
      connectorSubtype: 'api',
      releaseStage: 'alpha',
      supportLevel: 'community',
      dockerImageTag: packageVersion,
    });
    expect(metadata.data.definitionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Docker's repository grammar: lowercase path components separated by `/`.
    expect(metadata.data.dockerRepository).toMatch(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$/);
    expect(new URL(metadata.data.documentationUrl).protocol).toBe('https:');
  });

  test("names the Dockerfile's default base image", () => {
    const baseArg = dockerfileInstructions().find((i) => i.keyword === 'ARG' && i.rest.startsWith('BASE_IMAGE='));
    expect(baseArg?.rest).toBe('BASE_IMAGE=node:20-slim');
    expect(metadata.data.connectorBuildOptions?.baseImage).toBe('docker.io/library/node:20-slim');
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfileInstructions();
  const values = (keyword: string) => instructions.filter((i) => i.keyword === keyword).map((i) => i.rest);

  test('sets AIRBYTE_ENTRYPOINT to its ENTRYPOINT, with absolute paths', () => {
    const [entrypoint] = values('ENTRYPOINT');
    const command = JSON.parse(entrypoint ?? '[]') as string[];
    expect(command).toEqual(['node', '/app/dist/src/cli.js', 'airbyte']);
    expect(values('ENV')).toContain(`AIRBYTE_ENTRYPOINT="${command.join(' ')}"`);
  });

  test('labels io.airbyte.name and io.airbyte.version from build arguments and runs as a non-root user', () => {
    expect(values('LABEL')).toEqual([
      expect.stringMatching(/^io\.airbyte\.name="\$\{IMAGE_NAME\}"$/),
      expect.stringMatching(/^io\.airbyte\.version="\$\{VERSION\}"$/),
    ]);
    expect(values('ARG')).toEqual(expect.arrayContaining(['VERSION', expect.stringMatching(/^IMAGE_NAME=/)]));
    const users = values('USER');
    expect(users.at(-1)).toBe('1000:1000');
  });

  test('runs nothing at build time, so it builds on a base that holds only node (no shell, no npm)', () => {
    expect(instructions.map((i) => i.keyword)).not.toContain('RUN');
    for (const source of values('COPY')) expect(source).toMatch(/^(--chown=1000:1000 )?\.image-build\//);
  });
});

describe('.dockerignore', () => {
  test('sends the Docker daemon nothing but the staged app', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(patterns).toEqual(['*', '!.image-build/app/', '!.image-build/airbyte/']);
  });
});
