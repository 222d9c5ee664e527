/** Seeded randomness: every generated value is a pure function of (seed, stream, id, version). */

/** Mixes numbers into one well-spread unsigned 32-bit hash (a murmur3-style finalizer per part). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51) ^ Math.floor(part / 4294967296);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The mulberry32 generator: returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience wrapper with the draws the generators need. */
export class Rng {
  private readonly nextFloat: () => number;

  constructor(seed: number) {
    this.nextFloat = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextFloat();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.nextFloat() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.nextFloat() * items.length)];
    if (item === undefined) throw new Error('Rng.pick needs a non-empty array');
    return item;
  }

  /** A money amount in [min, max] rounded to cents. */
  money(min: number, max: number): number {
    return Math.round((min + this.nextFloat() * (max - min)) * 100) / 100;
  }
}

/** Tags of the store-wide random sequences (timelines, live changes, faults, tie order, API traps, unordered lists). */
export const PURPOSE_TAG = { timeline: 5, live: 6, faults: 7, tie: 8, traps: 9, unordered: 10 } as const;

/** The original four streams keep their tags, so their generated data stays the same. */
const ORIGINAL_STREAM_TAGS: Readonly<Record<string, number>> = { coupons: 1, customers: 2, orders: 3, products: 4 };

/**
 * The tag that keeps one stream's random sequences independent of every other's: derived from its name
 * (FNV-1a), above the purpose tags, so a new stream needs no table entry.
 */
export function streamTag(stream: string): number {
  const original = ORIGINAL_STREAM_TAGS[stream];
  if (original !== undefined) return original;
  let h = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  return 1000 + ((h >>> 0) % 1_000_000_000);
}

/** The generator for one record body (or one purpose), stable across processes. */
export function rngFor(seed: number, tag: number, id: number, version = 0, salt = 0): Rng {
  return new Rng(hash32(seed, tag, id, version, salt));
}
