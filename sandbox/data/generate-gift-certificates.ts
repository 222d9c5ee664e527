import { dec4 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { orderCore, orderRecipient } from './cores.js';
import { drawFulfilment } from './order-fulfilment.js';
import { orderPlan } from './order-plan.js';

const CERTIFICATES_TAG = streamTag('gift_certificates');
const YEAR = 365 * 86_400;
const TEMPLATES = ['birthday.html', 'girl.html', 'boy.html', 'celebration.html', 'christmas.html', 'general.html'] as const;
const MESSAGES = ['Happy Birthday!', 'Congratulations!', 'Enjoy!', 'Thank you for everything', ''] as const;
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** Statuses of the order that paid for it: unpaid ones leave the certificate pending, cancelled or refunded ones disable it. */
const PENDING_STATUSES: ReadonlySet<number> = new Set([0, 1, 7]);
const DISABLED_STATUSES: ReadonlySet<number> = new Set([4, 5, 6]);

/**
 * The gift certificates an order sold (its `giftcertificate` lines, whose `gift_certificate_id` is the
 * certificate's id), as v2 `giftCertificate_Full`: the buyer as sender, the recipient the order's email
 * consignment names, decimal strings, and dates as Unix seconds in text (`"1672670738"`), as marketing.v2.yml
 * says they display; `expiry_date` is `"0"` when the certificate never expires.
 */
export function giftCertificatesOfOrder(ctx: GenContext, order: RecordMeta): JsonObject[] {
  if (drawFulfilment(ctx.seed, order.id, orderCore(ctx.seed, order.id, 0).isDigital).kind !== 'mixed') return [];
  const plan = orderPlan(ctx, order);
  return plan.items
    .filter((item) => item.type === 'giftcertificate' && item.giftCertificateId !== null)
    .map((item, k) => {
      const id = item.giftCertificateId as number;
      const rng = rngFor(ctx.seed, CERTIFICATES_TAG, id, 0, 1);
      const recipient = orderRecipient(ctx.seed, order.id, 9 + k);
      let code = '';
      for (let i = 0; i < 12; i++) code += `${i > 0 && i % 3 === 0 ? '-' : ''}${CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)]}`;
      const status = PENDING_STATUSES.has(plan.statusId) ? 'pending' : DISABLED_STATUSES.has(plan.statusId) ? 'disabled' : 'active';
      const spent = status === 'active' ? rng.pick([0, 0, 0.5, 1]) : 0;
      return {
        id,
        customer_id: plan.customerId,
        order_id: order.id,
        code,
        to_name: `${recipient.firstName} ${recipient.lastName}`,
        to_email: `gift.${order.id}.${k}@example.com`,
        from_name: `${plan.buyer.firstName} ${plan.buyer.lastName}`,
        from_email: plan.buyer.email,
        amount: dec4(item.price),
        balance: dec4(item.price * (1 - spent)),
        status,
        template: rng.pick(TEMPLATES),
        message: rng.pick(MESSAGES),
        purchase_date: String(order.createdSec),
        expiry_date: rng.chance(0.5) ? String(order.createdSec + YEAR) : '0',
        currency_code: plan.currency.code,
      };
    });
}
