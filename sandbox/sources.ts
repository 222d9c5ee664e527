import type { Collection } from './collection.js';
import type { Store } from './store.js';
import type { RecordView } from './streams/spec.js';

/** What a list route selects from: an index (slots) and the record at a slot. */
export interface RecordSource {
  collection: Collection;
  view(slot: number): RecordView;
}

/** The source of a collection stream: its own index. */
export function collectionSource(store: Store, stream: string): RecordSource {
  return { collection: store.collection(stream), view: (slot) => store.view(stream, slot) };
}
