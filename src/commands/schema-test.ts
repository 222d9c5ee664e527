import type { TapConfig } from '../config.js';
import { transformingSink } from '../maps/map-transform.js';
import { streamMapTransform } from '../maps/stream-maps.js';
import { createSingerSink } from '../singer/singer-sink.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { schemaEventOf } from '../sync/schema-event.js';
import type { CommandIo } from './io.js';

/**
 * `--test=schema`, as the Meltano SDK has it: the SCHEMA message of every selected stream, after stream maps
 * and flattening, on stdout; no request is made. Exit 0.
 */
export async function runSchemaTest(config: TapConfig, streams: readonly SelectedStream[], io: CommandIo): Promise<number> {
  const singer = createSingerSink(io.stdout);
  const transform = streamMapTransform(config, streams);
  const sink = transform ? transformingSink(singer, transform) : singer;
  for (const selected of streams) await sink.write(schemaEventOf(selected));
  await sink.flush();
  return 0;
}
