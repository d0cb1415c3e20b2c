import { NotFoundError } from '@ta/core';
import type { Viewer } from '../access/request-visibility';
import { AWAITING_ACKNOWLEDGEMENT_STATUS, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { codeList, type Sql } from '../sql';
import { Conditions } from './conditions';
import { num, statusCounts } from './counts';
import { fundingLines } from './funding.queries';

/** One provider's figures: its offers and engagements, its funding, per country. 404 when it has neither offer nor engagement. */
export async function donorView(sql: Sql, providerId: string, viewer: Viewer) {
  const ofDonor = (p: (v: unknown) => string) => `t.provider_id = ${p(providerId)}`;
  const o = new Conditions().add(ofDonor);
  const e = new Conditions().visibleRequestIds(viewer).add(ofDonor);
  const [offers, engagements, countries] = await Promise.all([
    statusCounts(sql, 'coordination.offers', o),
    statusCounts(sql, 'coordination.engagements', e),
    sql(
      `SELECT t.country, count(*) AS engagements, count(*) FILTER (WHERE t.status = 'active') AS active, count(*) FILTER (WHERE t.status = '${AWAITING_ACKNOWLEDGEMENT_STATUS}') AS completed,
              count(*) FILTER (WHERE t.status IN (${codeList(DELIVERED_ENGAGEMENT_STATUSES)})) AS acknowledged
         FROM coordination.engagements t ${e.whereClause} GROUP BY t.country ORDER BY t.country`,
      e.params,
    ),
  ]);
  if (offers.total === 0 && engagements.total === 0) {
    throw new NotFoundError('coordination.donor_not_found', `No offer or engagement of provider ${providerId}`, { providerId });
  }
  return {
    providerId,
    offers,
    engagements,
    funding: await fundingLines(sql, { donor: providerId }, viewer),
    countries: countries.map((r) => ({ country: r.country, engagements: num(r.engagements), active: num(r.active), completed: num(r.completed), acknowledged: num(r.acknowledged) })),
  };
}
