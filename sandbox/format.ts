/** Wire formats of the real API: RFC 2822 dates and decimal strings on v2, ISO 8601 on v3. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `Tue, 05 Mar 2019 21:40:11 +0000` (v2 responses; always UTC). */
export function rfc2822(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** `2018-11-13T21:42:06Z` (customers v3, and the tap's normalized form). */
export function isoZ(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2018-08-15T14:48:46+00:00` (catalog v3). */
export function isoOffset(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', '+00:00');
}

/** v2 decimal string with 4 decimals: `12.5000`. */
export function dec4(value: number): string {
  return (Math.round(value * 10000) / 10000).toFixed(4);
}

/** v2 exchange rate with 10 decimals: `1.0000000000`. */
export function dec10(value: number): string {
  return value.toFixed(10);
}

/** Rounds to cents (the generators keep money exact to the cent before formatting). */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
