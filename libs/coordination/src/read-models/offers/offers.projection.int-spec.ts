import { f } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

const offer = async (id: string) => (await h.rows<Record<string, any>>('SELECT * FROM coordination.offers WHERE offer_id = $1', [id]))[0]!;
const usd = { kind: 'money' as const, currency: 'USD' };

describe('offers read model', () => {
  it('a registered money offer has all its capacity remaining, in minor units', async () => {
    await h.project([f.offer('o-1', '2025-01-05T09:00:00Z', { money: 10_000_000 })]);
    expect(await offer('o-1')).toMatchObject({ status: 'open', capacity_kind: 'money', currency: 'USD', capacity: '10000000', committed: '0', remaining: '10000000' });
  });

  it('commitments and releases move committed and remaining', async () => {
    await h.project([
      f.offerEvent('o-1', { type: 'CapacityCommitted', data: { offerId: 'o-1', engagementId: 'e-1', at: '2025-02-01T09:00:00Z', amount: 4_000_000, unit: usd, remaining: 6_000_000 } }),
      f.offerEvent('o-1', { type: 'CapacityCommitted', data: { offerId: 'o-1', engagementId: 'e-2', at: '2025-02-02T09:00:00Z', amount: 6_000_000, unit: usd, remaining: 0 } }),
    ]);
    expect(await offer('o-1')).toMatchObject({ committed: '10000000', remaining: '0' });
    await h.project([
      f.offerEvent('o-1', { type: 'CapacityReleased', data: { offerId: 'o-1', engagementId: 'e-1', at: '2025-02-03T09:00:00Z', amount: 4_000_000, unit: usd, remaining: 4_000_000 } }),
    ]);
    expect(await offer('o-1')).toMatchObject({ committed: '6000000', remaining: '4000000' });
  });

  it('an in-kind offer counts expert-days, without currency', async () => {
    await h.project([f.offer('o-2', '2025-01-05T09:00:00Z', { days: 40 })]);
    expect(await offer('o-2')).toMatchObject({ capacity_kind: 'expert_days', currency: null, capacity: '40', remaining: '40' });
  });

  it('an extension moves the end of the availability window', async () => {
    await h.project([
      f.offer('o-4', '2025-01-05T09:00:00Z', { to: '2025-06-30' }),
      f.offerEvent('o-4', { type: 'OfferExtended', data: { offerId: 'o-4', at: '2025-06-01T09:00:00Z', previousTo: '2025-06-30', to: '2025-12-31' } }),
    ]);
    const row = await offer('o-4');
    expect(row).toMatchObject({ status: 'open' });
    expect((row.available_to as Date).toISOString().slice(0, 10)).toBe('2025-12-31');
  });

  it('an amendment changes the capacity (remaining follows what is committed) and the eligible countries', async () => {
    await h.project([
      f.offer('o-5', '2025-01-05T09:00:00Z', { money: 10_000_000 }),
      f.offerEvent('o-5', { type: 'CapacityCommitted', data: { offerId: 'o-5', engagementId: 'e-5', at: '2025-02-01T09:00:00Z', amount: 4_000_000, unit: usd, remaining: 6_000_000 } }),
      f.offerEvent('o-5', { type: 'OfferAmended', data: { offerId: 'o-5', at: '2025-03-01T09:00:00Z', capacity: { kind: 'money', amount: 12_000_000, currency: 'USD' }, remaining: 8_000_000, eligibleCountries: ['UA', 'MD'] } }),
    ]);
    expect(await offer('o-5')).toMatchObject({ capacity: '12000000', committed: '4000000', remaining: '8000000', eligible_countries: ['UA', 'MD'] });
  });

  it('withdrawal and expiry end the offer', async () => {
    await h.project([
      f.offerEvent('o-2', { type: 'OfferWithdrawn', data: { offerId: 'o-2', at: '2025-03-01T09:00:00Z', reason: 'budget cut' } }),
      f.offer('o-3', '2025-01-05T09:00:00Z', { to: '2025-02-28' }),
      f.offerEvent('o-3', { type: 'OfferExpired', data: { offerId: 'o-3', at: '2025-03-01T00:00:00Z' } }),
    ]);
    expect(await offer('o-2')).toMatchObject({ status: 'withdrawn', end_reason: 'budget cut' });
    expect(await offer('o-3')).toMatchObject({ status: 'expired' });
  });
});
