/**
 * The streams a sandbox serves: each registry definition (route path, API version, count path) paired with its
 * sandbox spec (what the real endpoint accepts, how records are generated), checked once at start.
 */
import { STREAMS } from '../src/streams/index.js';
import type { StreamDefinition } from '../src/streams/types.js';
import { SANDBOX_SPECS } from './streams/index.js';
import { envelopeOf, type SandboxSpec } from './streams/spec.js';

export interface ServedStream {
  definition: StreamDefinition;
  spec: SandboxSpec;
}

/** A registry and its sandbox specs disagree: names the stream and the missing or inconsistent piece. */
export class SandboxSpecError extends Error {
  override name = 'SandboxSpecError';
}

const PLACEHOLDER = /\{[a-z_]+\}/;

function check(definition: StreamDefinition, spec: SandboxSpec, specs: ReadonlyMap<string, SandboxSpec>): void {
  const where = `sandbox/streams/${spec.stream}.ts`;
  const envelope = envelopeOf(spec);
  if (envelope !== definition.api) {
    throw new SandboxSpecError(
      `${where} serves a ${envelope} envelope but the registry says ${spec.stream} is a ${definition.api} endpoint: make them agree`,
    );
  }
  const replication = definition.replication;
  const isSingleWalk = replication.method === 'FULL_TABLE' && replication.walk.by === 'single';
  if ((spec.kind === 'singleton') !== isSingleWalk) {
    throw new SandboxSpecError(
      spec.kind === 'singleton'
        ? `${where} serves one object but the registry walks ${spec.stream} as a list: use a {by: 'single'} walk or a list spec`
        : `${where} serves a list but the registry reads ${spec.stream} as one object ({by: 'single'}): use defineSingleton`,
    );
  }
  if (spec.kind === 'collection' || spec.kind === 'singleton') return;
  const parent = specs.get(spec.parent);
  if (parent?.kind !== 'collection') {
    throw new SandboxSpecError(
      `${where} derives its records from "${spec.parent}", which is not a served collection: name a collection spec`,
    );
  }
  if (spec.kind === 'per-parent' && !PLACEHOLDER.test(definition.path)) {
    throw new SandboxSpecError(
      `${where} is served per parent but the registry path ${definition.path} has no {parent_id} placeholder: use a path like /orders/{order_id}/transactions`,
    );
  }
}

/**
 * Pairs every definition with the spec of the same name, in registry order. Throws a SandboxSpecError naming
 * the stream when a definition has no spec, a spec has no definition, or they disagree.
 */
export function pairStreams(definitions: readonly StreamDefinition[], specs: readonly SandboxSpec[]): ServedStream[] {
  const byName = new Map<string, SandboxSpec>();
  for (const spec of specs) {
    if (byName.has(spec.stream)) throw new SandboxSpecError(`two sandbox specs serve "${spec.stream}": keep one`);
    byName.set(spec.stream, spec);
  }
  const names = new Set(definitions.map((d) => d.name));
  for (const spec of specs) {
    if (!names.has(spec.stream)) {
      throw new SandboxSpecError(
        `sandbox spec "${spec.stream}" serves no registered stream: add src/streams/${spec.stream}.ts to STREAMS or remove the spec`,
      );
    }
  }
  return definitions.map((definition) => {
    const spec = byName.get(definition.name);
    if (spec === undefined) {
      throw new SandboxSpecError(
        `registered stream "${definition.name}" has no sandbox spec: add sandbox/streams/${definition.name}.ts and list it in SANDBOX_SPECS`,
      );
    }
    check(definition, spec, byName);
    return { definition, spec };
  });
}

/** Every registered stream with its spec: what `startSandbox` serves unless told otherwise. */
export function registeredStreams(): ServedStream[] {
  return pairStreams(STREAMS, SANDBOX_SPECS);
}
