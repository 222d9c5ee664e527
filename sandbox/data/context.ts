import type { Rng } from '../random.js';

/** What a body generator needs besides the record itself. */
export interface GenContext {
  seed: number;
  storeHash: string;
  /** The sandbox's own `http://127.0.0.1:PORT/stores/{hash}`, for order link objects. */
  storeBaseUrl: string; // set once the server listens
  /**
   * The store clock's second when the data was generated: no generated event (a refund) lies after it, and
   * it never changes, so a record derived from it stays the same.
   */
  generatedAtSec: number;
  /**
   * An id of one of the records the store started with (0 when the stream is empty or not served): stable
   * whatever happens later, so a record's body never changes because another stream changed.
   */
  pickId(stream: string, rng: Rng): number;
}

/** The index facts of one record. */
export interface RecordMeta {
  id: number;
  createdSec: number;
  modifiedSec: number;
  version: number;
}

export type JsonObject = Record<string, unknown>;
