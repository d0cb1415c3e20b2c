import type { Pool } from 'pg';
import { IllegalStateError } from '@ta/core';
import { codelists, type LocalizedText } from '@ta/codelists';
import { iatiActivitiesXml, organisationTypeOf, type PublishedEngagement, type PublishedMilestone, type ReportingOrganisation } from './iati-activities';
import { iatiOrganisationsXml } from './iati-organisations';

/** The directory organisation that reports the platform's activities: the Secretariat's own. */
export const REPORTING_ORGANISATION_ID = 'unodc';

/** Which engagements a file holds: all, one provider's (an organisation id, or a provider id mapped to it), one recipient State's. */
export interface ActivityFilter {
  readonly provider?: string;
  readonly country?: string;
}

/**
 * Engagements the publisher gives: agreed by both parties at some point (proposed or declined
 * engagements never happened), of a request that is NOT restricted. The restriction is checked
 * here, in the one query every file comes from, whoever asks.
 */
const PUBLISHABLE = `e.agreed_at IS NOT NULL AND e.status IN ('agreed', 'active', 'completed', 'acknowledged', 'cancelled') AND NOT r.restricted`;

/** The directory entry a provider id names: itself, or the organisation it was mapped to. */
const ORGANISATION_OF = (column: string) => `(SELECT o.names, o.iati_identifier, o.kind, o.country FROM directory.organisations o
     WHERE o.id = ${column} OR o.id = (SELECT p.organisation_id FROM directory.provider_ids p WHERE p.provider_id = ${column}) LIMIT 1)`;

/**
 * The read-only IATI 2.03 publisher: reads the coordination read models and the directory,
 * builds `iati-activities` and `iati-organisations` files. Publishes only what the public may
 * read: no restricted request's engagement, no person, no actor id, no contact point.
 */
export class IatiPublisher {
  constructor(private readonly pool: Pool) {}

  /** The reporting organisation (the Secretariat's directory entry); 409 `iati.reporting_org_unidentified` while it has no IATI identifier. */
  async reportingOrganisation(): Promise<ReportingOrganisation> {
    const { rows } = await this.pool.query<{ names: LocalizedText; iati_identifier: string | null; kind: string; country: string | null }>(
      'SELECT names, iati_identifier, kind, country FROM directory.organisations WHERE id = $1',
      [REPORTING_ORGANISATION_ID],
    );
    const ref = rows[0]?.iati_identifier;
    if (!rows[0] || !ref) {
      throw new IllegalStateError(
        'iati.reporting_org_unidentified',
        `The directory entry "${REPORTING_ORGANISATION_ID}" (the reporting organisation) has no IATI organisation identifier: the Secretariat sets it (PATCH /directory/organisations/${REPORTING_ORGANISATION_ID}) before activities are published`,
      );
    }
    return { ref, names: rows[0].names, type: organisationTypeOf(rows[0].kind, rows[0].country) ?? '90' };
  }

  async engagements(f: ActivityFilter): Promise<PublishedEngagement[]> {
    const params: unknown[] = [];
    const where = [PUBLISHABLE];
    if (f.country) {
      params.push(f.country);
      where.push(`e.country = $${params.length}`);
    }
    if (f.provider) {
      params.push(f.provider);
      const p = `$${params.length}`;
      where.push(`(e.provider_id = ${p} OR e.provider_id IN (SELECT provider_id FROM directory.provider_ids WHERE organisation_id = ${p}))`);
    }
    const { rows } = await this.pool.query<EngagementDbRow>(
      `SELECT e.engagement_id, e.status, e.provider_id, e.implementer_id, e.country, e.amount, e.unit_kind, e.currency,
              e.agreed_at, e.activated_at, e.acknowledged_at, e.ended_at, e.updated_at,
              r.title, r.articles, r.desired_from::text AS desired_from, r.desired_to::text AS desired_to,
              (SELECT sd.texts -> 'description' -> 'text' FROM coordination.search_documents sd WHERE sd.doc_id = 'request:' || r.request_id) AS description,
              po.names AS provider_names, po.iati_identifier AS provider_ref, po.kind AS provider_kind, po.country AS provider_country,
              io.names AS implementer_names, io.iati_identifier AS implementer_ref, io.kind AS implementer_kind, io.country AS implementer_country
         FROM coordination.engagements e
         JOIN coordination.requests r ON r.request_id = e.request_id
         LEFT JOIN LATERAL ${ORGANISATION_OF('e.provider_id')} po ON true
         LEFT JOIN LATERAL ${ORGANISATION_OF('e.implementer_id')} io ON true
        WHERE ${where.join(' AND ')}
        ORDER BY e.agreed_at, e.engagement_id`,
      params,
    );
    const milestones = await this.milestones(rows.map((r) => r.engagement_id));
    return rows.map((r) => engagementOf(r, milestones.get(r.engagement_id) ?? []));
  }

  async activitiesFile(f: ActivityFilter, now: Date = new Date()): Promise<string> {
    const reporting = await this.reportingOrganisation();
    return iatiActivitiesXml(reporting, await this.engagements(f), now);
  }

  /** The directory's organisations with an IATI identifier, not closed, by identifier. */
  async organisationsFile(now: Date = new Date()): Promise<string> {
    const { rows } = await this.pool.query<{ iati_identifier: string; names: LocalizedText; kind: string; country: string | null; updated_at: Date }>(
      `SELECT iati_identifier, names, kind, country, updated_at FROM directory.organisations
        WHERE iati_identifier IS NOT NULL AND status <> 'closed' ORDER BY iati_identifier`,
    );
    return iatiOrganisationsXml(
      rows.map((r) => ({ iatiIdentifier: r.iati_identifier, names: r.names, type: organisationTypeOf(r.kind, r.country) ?? '90', updatedAt: r.updated_at.toISOString() })),
      now,
    );
  }

  private async milestones(engagementIds: readonly string[]): Promise<Map<string, PublishedMilestone[]>> {
    const byEngagement = new Map<string, PublishedMilestone[]>();
    if (engagementIds.length === 0) return byEngagement;
    const { rows } = await this.pool.query<{ engagement_id: string; milestone_id: string; title: LocalizedText; due_date: string; status: string; confirmed_at: Date | null }>(
      `SELECT engagement_id, milestone_id, title, due_date::text AS due_date, status, confirmed_at
         FROM coordination.milestones WHERE engagement_id = ANY($1) ORDER BY planned_at, milestone_id`,
      [engagementIds],
    );
    for (const r of rows) {
      const list = byEngagement.get(r.engagement_id) ?? [];
      list.push({ milestoneId: r.milestone_id, title: r.title, dueDate: r.due_date, status: r.status, confirmedAt: r.confirmed_at?.toISOString() ?? null });
      byEngagement.set(r.engagement_id, list);
    }
    return byEngagement;
  }
}

interface EngagementDbRow {
  engagement_id: string;
  status: PublishedEngagement['status'];
  provider_id: string;
  implementer_id: string | null;
  country: string;
  amount: string;
  unit_kind: 'money' | 'expert_days';
  currency: string | null;
  agreed_at: Date;
  activated_at: Date | null;
  acknowledged_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
  title: LocalizedText;
  articles: string[];
  desired_from: string | null;
  desired_to: string | null;
  description: LocalizedText | null;
  provider_names: LocalizedText | null;
  provider_ref: string | null;
  provider_kind: string | null;
  provider_country: string | null;
  implementer_names: LocalizedText | null;
  implementer_ref: string | null;
  implementer_kind: string | null;
  implementer_country: string | null;
}

function engagementOf(r: EngagementDbRow, milestones: PublishedMilestone[]): PublishedEngagement {
  const minor = Number(r.amount);
  return {
    engagementId: r.engagement_id,
    status: r.status,
    provider: { ref: r.provider_ref, names: r.provider_names ?? { en: r.provider_id }, type: r.provider_kind ? organisationTypeOf(r.provider_kind, r.provider_country) : null },
    implementer: r.implementer_id
      ? { ref: r.implementer_ref, names: r.implementer_names ?? { en: r.implementer_id }, type: r.implementer_kind ? organisationTypeOf(r.implementer_kind, r.implementer_country) : null }
      : null,
    country: r.country,
    title: r.title,
    description: r.description,
    articles: r.articles,
    amount: r.unit_kind === 'money' && r.currency ? { kind: 'money', minor, currency: r.currency, value: decimal(minor, r.currency) } : { kind: 'expert_days', days: minor },
    desiredFrom: r.desired_from,
    desiredTo: r.desired_to,
    agreedAt: r.agreed_at.toISOString(),
    activatedAt: r.activated_at?.toISOString() ?? null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
    milestones,
  };
}

/** Minor units as the decimal IATI values take (`125050` USD -> `1250.50`), by the currency's minor unit (ISO 4217, codelist `currencies`). */
export function decimal(minor: number, currency: string): string {
  const digits = codelists.get('currencies', currency)?.minorUnit ?? 2;
  const text = String(minor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
