import { describe, expect, it } from 'vitest';
import { recordsOf, runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';
import { duplicatesIn } from '../helpers/union.js';
import { allV2, allV3 } from '../sandbox/helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const start = useSandbox({ coupons: 5, customers: 20, orders: 300, products: 40, subscribers: 10, promotions: 45 });

type Json = Record<string, any>;
const isoOf = (text: string) => text.replace('+00:00', 'Z');
const unixToIso = (text: string) => (text === '0' ? null : new Date(Number(text) * 1000).toISOString().replace('.000Z', 'Z'));

/** A promotion as the tap writes it: dates in UTC `Z`, the spec's money strings as numbers; matchers untouched. */
function expectedPromotion(p: Json): Json {
  const money = (value: unknown) => (typeof value === 'string' ? Number(value) : value);
  const discount = (d: Json | undefined) => d && Object.fromEntries(Object.entries(d).map(([k, v]) => [k, money(v)]));
  const action = (a: Json): Json => {
    const out: Json = { ...a };
    for (const kind of ['cart_value', 'cart_items'] as const) {
      if (!a[kind]) continue;
      out[kind] = { ...a[kind], discount: discount(a[kind].discount) };
      if ('maximum_allowed_discount_amount' in a[kind])
        out[kind].maximum_allowed_discount_amount = money(a[kind].maximum_allowed_discount_amount);
    }
    if (a.fixed_price_set) out.fixed_price_set = { ...a.fixed_price_set, fixed_price: money(a.fixed_price_set.fixed_price) };
    return out;
  };
  const cart = (c: Json) => (c.minimum_spend === undefined ? c : { ...c, minimum_spend: money(c.minimum_spend) });
  const condition = (c: Json | undefined) =>
    c === undefined ? undefined : c.cart ? { cart: cart(c.cart) } : { and: c.and.map((x: Json) => ({ cart: cart(x.cart) })) };
  const out: Json = {
    ...p,
    rules: p.rules.map((r: Json) => {
      const rule: Json = { ...r, action: action(r.action) };
      if (r.condition) rule.condition = condition(r.condition);
      return rule;
    }),
    start_date: isoOf(p.start_date),
    end_date: p.end_date === null ? null : isoOf(p.end_date),
  };
  // A null object is left out of the record (singer-check-tap crashes on null objects).
  if (p.codes === null) delete out.codes;
  else if (p.codes) out.codes = { ...p.codes, created: isoOf(p.codes.created) };
  return out;
}

describe('marketing streams through the CLI against the sandbox store', () => {
  it('a full sync writes every gift certificate and promotion once, as the API serves them, normalized', async () => {
    const { sandbox, config } = await start({ clock: { now: () => NOW }, seed: 12 }, { page_size: 10 });
    const run = await runCli(['--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    for (const stream of ['gift_certificates', 'promotions']) expect(duplicatesIn(run.messages, stream), stream).toBe(0);

    const certificates = await allV2(sandbox, '/v2/gift_certificates');
    expect(certificates.length).toBeGreaterThan(5);
    expect(certificates.some((c) => c.expiry_date === '0')).toBe(true);
    expect(recordsOf(run.messages, 'gift_certificates')).toEqual(
      certificates.map((c) => ({
        ...c,
        amount: Number(c.amount),
        balance: Number(c.balance),
        purchase_date: unixToIso(c.purchase_date),
        expiry_date: unixToIso(c.expiry_date),
      })),
    );
    // The certificate was bought with its order: same instant, read from the order the run wrote.
    const orders = new Map(recordsOf(run.messages, 'orders').map((o) => [o.id, o]));
    for (const c of recordsOf(run.messages, 'gift_certificates')) expect(c.purchase_date).toBe(orders.get(c.order_id)!.date_created);

    const promotions = await allV3(sandbox, '/v3/promotions');
    expect(recordsOf(run.messages, 'promotions')).toEqual(promotions.map(expectedPromotion));
    expect(recordsOf(run.messages, 'promotions').some((p) => typeof p.rules[0].action.shipping?.zone_ids === 'string')).toBe(true);
    expect(run.stderr).not.toMatch(/promotions: .*(not in the schema|unknown field)/);
  });

  it('channel_ids reaches the promotions endpoint as channels=…: promotions of those channels and of every channel', async () => {
    const sizes = { coupons: 5, customers: 20, orders: 20, products: 40, subscribers: 150, promotions: 45 };
    const { sandbox, config } = await start({ clock: { now: () => NOW }, seed: 12, sizes }, { page_size: 10, channel_ids: [2] });
    const run = await runCli(['--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const expected = (await allV3(sandbox, '/v3/promotions')).filter(
      (p) => p.channels.length === 0 || p.channels.some((c: Json) => c.id === 2),
    );
    expect(expected.length).toBeLessThan(45);
    expect(recordsOf(run.messages, 'promotions').map((p) => p.id)).toEqual(expected.map((p) => p.id));
    // Subscribers have no channel filter: the tap keeps those whose channel_id is listed.
    const ofChannel2 = (await allV3(sandbox, '/v3/customers/subscribers')).filter((s) => s.channel_id === 2);
    expect(ofChannel2.length).toBeGreaterThan(1);
    const ids = (records: Json[]) => records.map((s) => s.id).sort((a, b) => a - b);
    expect(ids(recordsOf(run.messages, 'subscribers'))).toEqual(ids(ofChannel2));
  });
});
