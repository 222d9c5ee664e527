import { discoverCatalog } from '../../src/singer/catalog.js';
import { tempJson } from './cli.js';

/** A Singer catalog file (the tap's own discovery) selecting exactly these streams. */
export function catalogSelecting(streams: readonly string[]): string {
  const catalog = discoverCatalog();
  for (const entry of catalog.streams) {
    const metadata = entry.metadata.find((m) => m.breadcrumb.length === 0)!;
    metadata.metadata.selected = streams.includes(entry.tap_stream_id);
  }
  return tempJson('catalog.json', catalog);
}
