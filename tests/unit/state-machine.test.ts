import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@/db/schema';
import { FINAL_STATUSES, sourcesOf, TRANSITIONS } from '@/lib/orders/state-machine';

describe('order state machine', () => {
  it('lets nothing leave paid', () => {
    expect(TRANSITIONS.paid).toEqual([]);
    for (const to of ORDER_STATUSES) {
      expect(sourcesOf(to, 'postback')).not.toContain('paid');
      expect(sourcesOf(to, 'admin')).not.toContain('paid');
    }
  });

  it('never pays an expired or canceled order automatically: they can only go to review', () => {
    expect(TRANSITIONS.expired).toEqual(['needs_review']);
    expect(TRANSITIONS.canceled).toEqual(['needs_review']);
    expect(sourcesOf('paid', 'postback')).toEqual(['pending', 'awaiting_payment', 'partially_paid']);
    expect(sourcesOf('paid', 'reconciler')).toEqual(['pending', 'awaiting_payment', 'partially_paid']);
  });

  it('leaves orders under review to the merchant', () => {
    expect(sourcesOf('paid', 'admin')).toContain('needs_review');
    for (const cause of ['postback', 'reconciler', 'checkout', 'invoice_created', 'payment_window'] as const) {
      for (const to of ORDER_STATUSES) expect(sourcesOf(to, cause)).not.toContain('needs_review');
    }
  });

  it('moves only forward through payment: a late partial signal cannot undo paid or partially_paid', () => {
    expect(sourcesOf('partially_paid', 'postback')).toEqual(['pending', 'awaiting_payment']);
    expect(sourcesOf('awaiting_payment', 'invoice_created')).toEqual(['pending']);
    expect(sourcesOf('pending', 'checkout')).toEqual([]);
  });

  it('covers every status, and final statuses have no automatic exits but review', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const s of FINAL_STATUSES) {
      for (const to of TRANSITIONS[s]) expect(['needs_review', 'paid', 'canceled']).toContain(to);
    }
  });
});
