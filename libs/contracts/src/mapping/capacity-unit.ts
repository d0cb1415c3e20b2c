import type { CapacityUnitV1 } from '../topics/case-requests/case-requests.events';

/** An amount's unit (engagements and offers): the currency of money, or expert-days. */
export function capacityUnit(u: { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'expert_days' }): CapacityUnitV1 {
  return u.kind === 'money' ? { kind: 'money', currency: u.currency } : { kind: 'expert_days' };
}
