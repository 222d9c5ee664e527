import type { Rng } from '../random.js';
import type { RecordMeta } from './context.js';

const DAY = 86_400;

/**
 * Creation and last-change seconds of a settings record (channels, currencies, locations...). These small tables
 * keep no edit timeline of their own (they are read whole, never by date): the index's second is the last change,
 * and the record was created up to about half a year before it, or then.
 */
export function settingsDates(meta: RecordMeta, rng: Rng): { createdSec: number; modifiedSec: number } {
  const modifiedSec = meta.modifiedSec;
  const wasEdited = rng.chance(0.6);
  return { createdSec: wasEdited ? modifiedSec - rng.int(1, 180) * DAY - rng.int(0, DAY - 1) : modifiedSec, modifiedSec };
}
