import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairStreams, registeredStreams } from '../../sandbox/index.js';
import { SANDBOX_SPECS } from '../../sandbox/streams/index.js';
import { defineCollection, definePerParent, envelopeOf, scopeIdOf } from '../../sandbox/streams/spec.js';
import { STREAMS } from '../../src/streams/index.js';
import { defineStream } from '../../src/streams/types.js';

const root = join(import.meta.dirname, '..', '..');
const NOT_SPECS = new Set(['index.ts', 'spec.ts', 'filters.ts', 'field-lists.ts']);

/** Names the missing piece, so the failure says what to add. */
function missingPieces(): string[] {
  const specs = new Set(SANDBOX_SPECS.map((s) => s.stream));
  const streams = new Set(STREAMS.map((s) => s.name));
  const files = readdirSync(join(root, 'sandbox', 'streams'))
    .filter((f) => f.endsWith('.ts') && !NOT_SPECS.has(f))
    .map((f) => f.replace(/\.ts$/, ''));
  return [
    ...[...streams].filter((n) => !specs.has(n)).map((n) => `stream "${n}" has no sandbox spec (sandbox/streams/${n}.ts in SANDBOX_SPECS)`),
    ...[...specs]
      .filter((n) => !streams.has(n))
      .map((n) => `sandbox spec "${n}" serves no registered stream (src/streams/${n}.ts in STREAMS)`),
    ...[...streams].filter((n) => !existsSync(join(root, 'schemas', `${n}.json`))).map((n) => `stream "${n}" has no schemas/${n}.json`),
    ...files.filter((f) => !specs.has(f)).map((f) => `sandbox/streams/${f}.ts is not listed in SANDBOX_SPECS`),
    ...[...specs].filter((n) => !files.includes(n)).map((n) => `sandbox spec "${n}" is not in its own file sandbox/streams/${n}.ts`),
  ];
}

const ordersDefinition = STREAMS.find((s) => s.name === 'orders')!;
const widgetsDefinition = defineStream({
  name: 'widgets',
  api: 'v3',
  path: '/content/widgets',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'id:min' } },
  scope: { label: 'Content', id: 'store_v2_content_read_only' },
  description: 'widgets',
  requestCost: '1 per 250 widgets',
});
const widgetsSpec = defineCollection({
  stream: 'widgets',
  resource: 'content',
  defaultSize: 5,
  firstId: 1,
  hasDateModified: false,
  isLive: false,
  body: (_ctx, meta) => ({ id: meta.id }),
  list: { envelope: 'v3', idFilters: ['id:min'] },
});

describe('every registered stream is served by the sandbox', () => {
  it('each stream has a sandbox spec in its own file and a schema, and each spec a stream', () => {
    expect(missingPieces()).toEqual([]);
  });

  it.each(registeredStreams().map((s) => [s.definition.name, s] as const))(
    '%s: the spec grants the scope the registry names and serves its API version',
    (_name, { definition, spec }) => {
      expect(scopeIdOf(spec.resource)).toBe(definition.scope.id);
      expect(envelopeOf(spec)).toBe(definition.api);
    },
  );

  it('pairing names the missing or inconsistent piece', () => {
    expect(() => pairStreams([...STREAMS, widgetsDefinition], SANDBOX_SPECS)).toThrow(
      'registered stream "widgets" has no sandbox spec: add sandbox/streams/widgets.ts and list it in SANDBOX_SPECS',
    );
    expect(() => pairStreams(STREAMS, [...SANDBOX_SPECS, widgetsSpec])).toThrow(
      'sandbox spec "widgets" serves no registered stream: add src/streams/widgets.ts to STREAMS or remove the spec',
    );
    expect(() => pairStreams([widgetsDefinition], [{ ...widgetsSpec, list: { ...widgetsSpec.list, envelope: 'v2' } }])).toThrow(
      'sandbox/streams/widgets.ts serves a v2 envelope but the registry says widgets is a v3 endpoint: make them agree',
    );
    expect(() => pairStreams([widgetsDefinition, widgetsDefinition], [widgetsSpec, widgetsSpec])).toThrow(
      'two sandbox specs serve "widgets": keep one',
    );
    const notes = definePerParent({
      stream: 'order_notes',
      resource: 'orders',
      parent: 'orders',
      hasDateModified: false,
      envelope: 'v2',
      children: () => [],
    });
    const notesDefinition = { ...ordersDefinition, name: 'order_notes', path: '/order_notes' };
    expect(() => pairStreams([notesDefinition], [notes])).toThrow(
      'sandbox/streams/order_notes.ts derives its records from "orders", which is not a served collection: name a collection spec',
    );
    expect(() => pairStreams([ordersDefinition, notesDefinition], [...SANDBOX_SPECS.filter((s) => s.stream === 'orders'), notes])).toThrow(
      'sandbox/streams/order_notes.ts is served per parent but the registry path /order_notes has no {parent_id} placeholder: use a path like /orders/{order_id}/transactions',
    );
  });
});
