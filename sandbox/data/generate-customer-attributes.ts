import { isoZ } from '../format.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';

/**
 * The store's attribute definitions by id: customers' attribute values name ids 1-3 (`generate-customers.ts`),
 * with values of these kinds; later ids get generic names.
 */
const NAMED_ATTRIBUTES = [
  { name: 'Accepts SMS', type: 'string' },
  { name: 'Preferred contact', type: 'string' },
  { name: 'Loyalty tier', type: 'string' },
  { name: 'Date joined', type: 'date' },
  { name: 'Lifetime points', type: 'number' },
] as const;

/** A v3 customer attribute definition (`CustomerAttributesResponse`): id, name, type and dates. */
export function customerAttributeBody(_ctx: GenContext, meta: RecordMeta): JsonObject {
  const named = NAMED_ATTRIBUTES[meta.id - 1];
  return {
    id: meta.id,
    name: named?.name ?? `Attribute ${meta.id}`,
    type: named?.type ?? 'string',
    date_created: isoZ(meta.createdSec),
    date_modified: isoZ(meta.modifiedSec),
  };
}
