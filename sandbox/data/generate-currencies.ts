import { dec10, rfc2822 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { settingsDates } from './settings-dates.js';
import { CURRENCIES } from './words.js';

const CURRENCIES_TAG = streamTag('currencies');

interface CurrencyFormat {
  name: string;
  country: string;
  countries: readonly string[];
  token: string;
  decimalToken: string;
  thousandsToken: string;
}

/** Display facts per ISO code: the five order currencies (`CURRENCIES`), then extra display-only ones. */
const FORMATS: Readonly<Record<string, CurrencyFormat>> = {
  USD: { name: 'US Dollar', country: 'US', countries: ['US'], token: '$', decimalToken: '.', thousandsToken: ',' },
  EUR: { name: 'Euro', country: 'EU', countries: ['DE', 'FR', 'IT', 'ES', 'NL'], token: '€', decimalToken: ',', thousandsToken: '.' },
  GBP: { name: 'British Pound', country: 'GB', countries: ['GB'], token: '£', decimalToken: '.', thousandsToken: ',' },
  AUD: { name: 'Australian Dollar', country: 'AU', countries: ['AU'], token: 'A$', decimalToken: '.', thousandsToken: ',' },
  CAD: { name: 'Canadian Dollar', country: 'CA', countries: ['CA'], token: 'C$', decimalToken: '.', thousandsToken: ',' },
  NZD: { name: 'New Zealand Dollar', country: 'NZ', countries: ['NZ'], token: 'NZ$', decimalToken: '.', thousandsToken: ',' },
  JPY: { name: 'Japanese Yen', country: 'JP', countries: ['JP'], token: '¥', decimalToken: '.', thousandsToken: ',' },
  CHF: { name: 'Swiss Franc', country: 'CH', countries: ['CH'], token: 'CHF', decimalToken: '.', thousandsToken: "'" },
};

const EXTRA = [
  { code: 'NZD', rate: 1.6342 },
  { code: 'JPY', rate: 156.82 },
  { code: 'CHF', rate: 0.8921 },
] as const;

/** Currency ids orders name (`currency_id`): 1 USD (the default), 2 EUR, 3 GBP, 4 AUD, 5 CAD. */
export const CURRENCY_IDS = CURRENCIES.map((c) => c.id);

/**
 * A v2 currency (`currency_Full`): the order currencies with the exchange rates orders use (10-decimal strings),
 * then display-only currencies (`is_transactional: false`), `last_updated` in RFC 2822.
 */
export function currencyBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const rng = rngFor(ctx.seed, CURRENCIES_TAG, meta.id, 0, 1);
  const known = CURRENCIES.find((c) => c.id === meta.id);
  const { code, rate } = known ?? EXTRA[meta.id % EXTRA.length] ?? EXTRA[0];
  const format = FORMATS[code] ?? FORMATS.USD!;
  const isDefault = code === 'USD' && meta.id === 1;
  return {
    id: meta.id,
    is_default: isDefault,
    last_updated: rfc2822(settingsDates(meta, rng).modifiedSec),
    country_iso2: format.country,
    default_for_country_codes: [...format.countries],
    currency_code: code,
    currency_exchange_rate: dec10(rate),
    auto_update: !isDefault && rng.chance(0.5),
    token_location: 'left',
    token: format.token,
    decimal_token: format.decimalToken,
    thousands_token: format.thousandsToken,
    decimal_places: code === 'JPY' ? 0 : 2,
    name: format.name,
    enabled: isDefault || known !== undefined || rng.chance(0.5),
    is_transactional: known !== undefined,
    use_default_name: rng.chance(0.7),
  };
}
