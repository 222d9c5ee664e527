import { TAX_CLASS_IDS, taxClassBody } from '../data/generate-tax-classes.js';
import { defineCollection } from './spec.js';

/** `GET /v2/tax_classes` (tax_classes.v2.yml): `page` and `limit` only, sorted by id; 204 past the end. */
export const taxClasses = defineCollection({
  stream: 'tax_classes',
  resource: 'information',
  defaultSize: TAX_CLASS_IDS.length,
  firstId: 1,
  ids: TAX_CLASS_IDS,
  hasDateModified: false,
  isLive: false,
  body: taxClassBody,
  list: { envelope: 'v2', idFilters: [] },
  hasSingle: true,
});
