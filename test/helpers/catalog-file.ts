import { discoverCatalog } from '../../src/singer/catalog.js';
import { tempJson } from './cli.js';

/** A catalog file (the discovered catalog) that selects exactly `streams`. */
export function catalogSelecting(streams: readonly string[]): string {
  const catalog = discoverCatalog();
  for (const entry of catalog.streams) {
    const metadata = entry.metadata.find((m) => m.breadcrumb.length === 0)!.metadata;
    metadata.selected = streams.includes(entry.stream);
  }
  return tempJson('catalog.json', catalog);
}
