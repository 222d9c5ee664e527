import { loadStreamSchema } from '../normalize/load-schema.js';
import { STREAMS } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { compileMapPlan, hasMapSettings, type MapPlan, type MapSettings } from './map-plan.js';
import { createMapTransform, type EventTransform } from './map-transform.js';
import type { SourceStream } from './stream-map-compiler.js';

/**
 * The stream-map transform for the streams of one sync, or null when no setting asks for one (events then go
 * to the sink untouched). Compiled before any request: a problem is a ConfigError (exit 2).
 */
export function streamMapTransform(settings: MapSettings, streams: readonly SelectedStream[]): EventTransform | null {
  if (!hasMapSettings(settings)) return null;
  return createMapTransform(streamMapPlan(settings, streams));
}

/** The output streams of each selected stream, for wiring and for SCHEMA-only runs. */
export function streamMapPlan(settings: MapSettings, streams: readonly SelectedStream[]): MapPlan {
  return compileMapPlan(
    settings,
    streams.map(sourceStreamOf),
    STREAMS.map((s) => s.name),
  );
}

/** A selected stream as the input of its maps: the SCHEMA it carries, its key, what the catalog deselected. */
export function sourceStreamOf(selected: SelectedStream): SourceStream {
  const all = Object.keys((loadStreamSchema(selected.definition.name).properties ?? {}) as object);
  const fields = selected.selectedFields;
  return {
    name: selected.definition.name,
    schema: selected.schema,
    keyProperties: selected.definition.key,
    deselected: fields ? all.filter((p) => !fields.has(p)) : [],
  };
}
