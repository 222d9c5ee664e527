/**
 * A set of record ids (positive integers) as a growable bitset: a million ids cost 125 KB, whatever their order.
 * Its STATE form is compact sorted ranges (`encode`): ids are mostly contiguous, so 20,000 ids with 200 random
 * gaps take about 1.5 KB.
 */
export class IdSet {
  private bits = new Uint8Array(1024);
  private count = 0;

  static decode(text: string | undefined): IdSet {
    const set = new IdSet();
    if (!text) return set;
    const bytes = Buffer.from(text, 'base64url');
    const numbers: number[] = [];
    let value = 0;
    let shift = 0;
    for (const byte of bytes) {
      value += (byte & 0x7f) * 2 ** shift;
      if (byte & 0x80) {
        shift += 7;
        continue;
      }
      numbers.push(value);
      value = 0;
      shift = 0;
    }
    if (shift !== 0 || numbers.length % 2 !== 0) throw new RangeError('bad id ranges: truncated');
    let end = 0;
    for (let k = 0; k < numbers.length; k += 2) {
      const start = end + numbers[k]!;
      const last = start + numbers[k + 1]!;
      for (let id = start; id <= last; id++) set.add(id);
      end = last;
    }
    return set;
  }

  static of(ids: Iterable<number>): IdSet {
    const set = new IdSet();
    for (const id of ids) set.add(id);
    return set;
  }

  get size(): number {
    return this.count;
  }

  add(id: number): void {
    if (!Number.isInteger(id) || id < 0) return;
    const byte = id >>> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (id & 7);
    if ((this.bits[byte]! & mask) === 0) {
      this.bits[byte]! |= mask;
      this.count++;
    }
  }

  delete(id: number): void {
    const byte = id >>> 3;
    const mask = 1 << (id & 7);
    if (byte < this.bits.length && (this.bits[byte]! & mask) !== 0) {
      this.bits[byte]! &= ~mask;
      this.count--;
    }
  }

  has(id: number): boolean {
    const byte = id >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (id & 7))) !== 0;
  }

  /** Ids ascending. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let byte = 0; byte < this.bits.length; byte++) {
      const value = this.bits[byte]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 8; bit++) if ((value & (1 << bit)) !== 0) yield byte * 8 + bit;
    }
  }

  /** Ids of this set that `other` lacks. */
  minus(other: IdSet): number[] {
    const out: number[] = [];
    for (const id of this) if (!other.has(id)) out.push(id);
    return out;
  }

  /** Adds every id of `other`. */
  addAll(other: IdSet): void {
    for (const id of other) this.add(id);
  }

  /**
   * Sorted ranges as pairs of unsigned varints (gap from the previous range's last id, length = last - first),
   * base64url-encoded: mostly contiguous ids take about 2 bytes per range.
   */
  encode(): string {
    const bytes: number[] = [];
    const push = (n: number) => {
      let rest = n;
      while (rest >= 0x80) {
        bytes.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
      }
      bytes.push(rest);
    };
    let previousEnd = 0;
    let start = -1;
    let last = -1;
    const flush = () => {
      if (start < 0) return;
      push(start - previousEnd);
      push(last - start);
      previousEnd = last;
    };
    for (const id of this) {
      if (start >= 0 && id === last + 1) {
        last = id;
        continue;
      }
      flush();
      start = id;
      last = id;
    }
    flush();
    return Buffer.from(bytes).toString('base64url');
  }
}
