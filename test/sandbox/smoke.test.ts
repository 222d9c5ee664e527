import { test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
test('smoke', async () => {
  const sb = await startSandbox();
  const h = { 'X-Auth-Token': sb.accessToken, Accept: 'application/json' };
  for (const p of ['/v2/orders?limit=2', '/v2/orders/count', '/v2/coupons?limit=2', '/v3/customers?limit=2&include=addresses,storecredit,attributes,formfields', '/v3/catalog/products?limit=1&include=variants,images,custom_fields,bulk_pricing_rules,primary_image,videos,options', '/v2/orders/100/products', '/v2/orders/100/coupons', '/v2/orders/100/shipping_addresses', '/v2/time']) {
    const r = await fetch(`${sb.url}/stores/sandbox1${p}`, { headers: h });
    console.log(p, r.status, [...r.headers].map(x=>x.join(': ')).join(' | '));
    console.log((await r.text()).slice(0, 3000));
  }
  await sb.close();
});
