import type { Pool } from 'pg';
import type { PostgresEventStore } from '@ta/event-store';
import { NotFoundError } from '@ta/core';
import { codelists, type LocalizedText } from '@ta/codelists';
import type { ContactPoint, Organisation } from '../domain';
import { ORGANISATION_COLUMNS, organisationRowFromDb, type DbRow } from './directory-projector';
import { waitForDirectory } from './read-your-writes';

/** The filters of the directory's lists (all optional; together they narrow). */
export interface DirectoryFilters {
  readonly country?: string;
  /** UN M49 region: organisations and authorities of its countries. */
  readonly region?: string;
  readonly kind?: Organisation['kind'];
  readonly status?: Organisation['status'];
  /** UNCAC article (authorities' areas). */
  readonly article?: string;
  /** TA type (authorities' areas). */
  readonly taType?: string;
  /** Working language (authorities). */
  readonly language?: string;
  /** Free text: in any of the names, the IATI identifier or the id (case-insensitive). */
  readonly q?: string;
  /** The reader's language, for `name` (default English, else the first name given). */
  readonly lang?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** An entry of the directory as a signed-in reader sees it. */
export interface OrganisationView {
  readonly id: string;
  /** The name in the reader's language (or English, or the first given). */
  readonly name: string;
  readonly names: LocalizedText;
  readonly kind: Organisation['kind'];
  readonly status: Organisation['status'];
  readonly country: string | null;
  readonly iatiIdentifier: string | null;
  readonly addresses: readonly string[];
  readonly website: string | null;
  /** Provider ids recorded before the directory that name this organisation. */
  readonly providerIds: readonly string[];
  /** A national authority's notification (null for other kinds). */
  readonly authority: AuthorityView | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface AuthorityView {
  readonly articles: readonly string[];
  readonly taTypes: readonly string[];
  readonly languages: readonly string[];
  readonly notifiedOn: string;
  readonly channel: 'state' | 'note_verbale' | null;
  readonly noteVerbale: string | null;
  readonly withdrawnOn: string | null;
  /** Personal data: signed-in readers only; never in the public directory nor on Kafka. */
  readonly contactPoint: ContactPoint | null;
}

/** An authority as the public directory shows it (UNODC's published list): no contact point. */
export interface PublicAuthorityView {
  readonly id: string;
  readonly country: string;
  readonly name: string;
  readonly names: LocalizedText;
  readonly addresses: readonly string[];
  readonly website: string | null;
  readonly articles: readonly string[];
  readonly taTypes: readonly string[];
  readonly languages: readonly string[];
  readonly notifiedOn: string;
}

export interface ProviderIdMapping {
  readonly providerId: string;
  readonly organisationId: string;
  readonly mappedAt: string;
}

export function nameIn(names: LocalizedText, lang: string | undefined): string {
  const byLang = names as Record<string, string | undefined>;
  return (lang ? byLang[lang] : undefined) ?? names.en ?? Object.values(byLang).find((n) => n !== undefined) ?? '';
}

/** The directory's reads, from its read model (schema `directory`). */
export class DirectoryQueries {
  constructor(
    private readonly pool: Pool,
    /** For `consistent` (read your own write); without it, reads do not wait. */
    private readonly store?: PostgresEventStore,
    private readonly waitTimeoutMs = 5000,
  ) {}

  /** Waits until the read model includes the event at `minPosition`, if given (503 `directory.not_caught_up` after the timeout). */
  async consistent(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition === 0 || !this.store) return;
    await waitForDirectory(this.store, minPosition, this.waitTimeoutMs);
  }

  async organisations(f: DirectoryFilters): Promise<{ items: OrganisationView[]; total: number }> {
    const { where, params } = conditions(f);
    return this.page(where, params, f);
  }

  /** Notified national authorities (withdrawn ones only with `status: closed`). */
  async authorities(f: DirectoryFilters): Promise<{ items: OrganisationView[]; total: number }> {
    const { where, params } = conditions({ ...f, kind: 'national_authority', status: f.status ?? 'verified' });
    return this.page(where, params, f);
  }

  async organisation(id: string, lang?: string): Promise<OrganisationView> {
    const { rows } = await this.pool.query<DbRow>(`SELECT ${ORGANISATION_COLUMNS} FROM directory.organisations WHERE id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('organisation.not_found', `No organisation ${id} in the directory`, { organisationId: id });
    return view(rows[0], lang);
  }

  /** The public directory: the notified authorities (not withdrawn) by State, then name; no contact points. */
  async publicAuthorities(f: Pick<DirectoryFilters, 'country' | 'region' | 'article' | 'taType' | 'lang'>): Promise<PublicAuthorityView[]> {
    const { where, params } = conditions({ ...f, kind: 'national_authority', status: 'verified' });
    const { rows } = await this.pool.query<DbRow>(`SELECT ${ORGANISATION_COLUMNS} FROM directory.organisations WHERE ${where} ORDER BY country, id`, params);
    return rows.map((r) => {
      const v = view(r, f.lang);
      return {
        id: v.id,
        country: v.country!,
        name: v.name,
        names: v.names,
        addresses: v.addresses,
        website: v.website,
        articles: v.authority!.articles,
        taTypes: v.authority!.taTypes,
        languages: v.authority!.languages,
        notifiedOn: v.authority!.notifiedOn,
      };
    });
  }

  async providerIdMapping(): Promise<ProviderIdMapping[]> {
    const { rows } = await this.pool.query<{ provider_id: string; organisation_id: string; mapped_at: Date }>(
      'SELECT provider_id, organisation_id, mapped_at FROM directory.provider_ids ORDER BY provider_id',
    );
    return rows.map((r) => ({ providerId: r.provider_id, organisationId: r.organisation_id, mappedAt: r.mapped_at.toISOString() }));
  }

  /** Names of organisations by id (or mapped provider id), in the reader's language: for views that show providers. */
  async namesOf(ids: readonly string[], lang?: string): Promise<Record<string, string>> {
    if (ids.length === 0) return {};
    const { rows } = await this.pool.query<{ key: string; names: LocalizedText }>(
      `SELECT o.id AS key, o.names FROM directory.organisations o WHERE o.id = ANY($1)
       UNION ALL
       SELECT p.provider_id AS key, o.names FROM directory.provider_ids p JOIN directory.organisations o ON o.id = p.organisation_id WHERE p.provider_id = ANY($1)`,
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.key, nameIn(r.names, lang)]));
  }

  private async page(where: string, params: unknown[], f: DirectoryFilters): Promise<{ items: OrganisationView[]; total: number }> {
    const limit = f.limit ?? 100;
    const offset = f.offset ?? 0;
    const [{ rows }, count] = await Promise.all([
      this.pool.query<DbRow>(`SELECT ${ORGANISATION_COLUMNS} FROM directory.organisations WHERE ${where} ORDER BY country NULLS FIRST, id LIMIT ${limit} OFFSET ${offset}`, params),
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM directory.organisations WHERE ${where}`, params),
    ]);
    return { items: rows.map((r) => view(r, f.lang)), total: Number(count.rows[0]!.n) };
  }
}

function conditions(f: DirectoryFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = ['true'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (f.country) add((p) => `country = ${p}`, f.country);
  if (f.region) add((p) => `country = ANY(${p})`, codelists.get('regions', f.region)?.countries ?? []);
  if (f.kind) add((p) => `kind = ${p}`, f.kind);
  if (f.status) add((p) => `status = ${p}`, f.status);
  if (f.article) add((p) => `${p} = ANY(articles)`, f.article);
  if (f.taType) add((p) => `${p} = ANY(ta_types)`, f.taType);
  if (f.language) add((p) => `${p} = ANY(languages)`, f.language);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((p) => `(lower(names::text) LIKE ${p} OR lower(coalesce(iati_identifier, '')) LIKE ${p} OR id LIKE ${p})`, like);
  }
  return { where: parts.join(' AND '), params };
}

function view(r: DbRow, lang: string | undefined): OrganisationView {
  const row = organisationRowFromDb(r);
  const s = row.state;
  return {
    id: s.organisationId,
    name: nameIn(s.names, lang),
    names: s.names,
    kind: s.kind,
    status: s.status,
    country: s.country,
    iatiIdentifier: s.iatiIdentifier,
    addresses: s.addresses,
    website: s.website,
    providerIds: s.providerIds,
    authority: s.authority
      ? {
          articles: s.authority.articles,
          taTypes: s.authority.taTypes,
          languages: s.authority.languages,
          notifiedOn: s.authority.notifiedOn,
          channel: row.notificationChannel,
          noteVerbale: row.noteVerbale,
          withdrawnOn: s.authority.withdrawnOn,
          contactPoint: s.authority.contactPoint,
        }
      : null,
    registeredAt: row.registeredAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const CSV_COLUMNS = ['country', 'country_name', 'authority', 'addresses', 'website', 'articles', 'ta_types', 'languages', 'notified_on'] as const;

/**
 * The public directory as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or
 * line break; a leading = + - @ is prefixed with an apostrophe so that spreadsheets do not run
 * it as a formula). Country names in the reader's language (UN M49 names).
 */
export function publicDirectoryCsv(items: readonly PublicAuthorityView[], lang = 'en'): string {
  const field = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const countryName = (code: string) => nameIn(codelists.get('countries', code)?.name ?? { en: code }, lang);
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of items) {
    lines.push(
      [a.country, countryName(a.country), a.name, a.addresses.join(' | '), a.website ?? '', a.articles.join(' '), a.taTypes.join(' '), a.languages.join(' '), a.notifiedOn]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
