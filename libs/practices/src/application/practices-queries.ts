import type { Pool } from 'pg';
import { NotFoundError, ValidationError } from '@ta/core';
import { codelists, type LocalizedText } from '@ta/codelists';
import { cjkTsquery } from '@ta/coordination';
import type { PostgresEventStore } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import type { Practice, PracticeDocument } from '../domain';
import { maySeePractice } from './practices-access';
import { PRACTICE_COLUMNS, PRACTICES_PROJECTOR, practiceRowFromDb, type PracticeDbRow } from './practices-projector';

/** The filters of the library's list (all optional; together they narrow). */
export interface PracticeFilters {
  /** Free text in the six languages, over titles, summaries and the documents' text. */
  readonly q?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly article?: string;
  readonly theme?: string;
  /** UN M49 region: practices from one of its countries. */
  readonly region?: string;
  readonly country?: string;
  /** A language the practice has a title in (original or translation). */
  readonly language?: string;
  /** The practices that grew out of this engagement. */
  readonly engagementId?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface PracticeView {
  readonly id: string;
  readonly kind: Practice['kind'];
  readonly status: Practice['status'];
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  /** The languages it was written in; the other languages of `title` are translations. */
  readonly originalLanguages: readonly string[];
  readonly articles: readonly string[];
  readonly themes: readonly string[];
  readonly countries: readonly string[];
  readonly engagementIds: readonly string[];
  readonly contributor: Practice['contributor'];
  readonly documents: readonly (PracticeDocument & { readonly href: string })[];
  readonly submittedAt: string;
  readonly publishedAt: string | null;
  readonly version: number;
}

/** Practices submitted and published in a period, for one code (a theme, an article, a kind). */
export interface DigestCount {
  readonly code: string;
  readonly submitted: number;
  readonly published: number;
}

export interface PracticeDigest {
  readonly from: string;
  readonly to: string;
  readonly byTheme: readonly DigestCount[];
  readonly byArticle: readonly DigestCount[];
  readonly byKind: readonly DigestCount[];
  readonly published: readonly PracticeView[];
}

const CONFIGURATIONS = ['arabic', 'english', 'spanish', 'french', 'russian', 'simple'] as const;

/**
 * The library's reads, each under the rule of `maySeePractice`: published practices for every
 * reader (the public included where the deployment shows it: `actor` undefined), unpublished
 * ones for the Secretariat and their contributor only.
 */
export class PracticesQueries {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly waitTimeoutMs: number,
  ) {}

  async consistent(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const started = performance.now();
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const progress = await this.store.consumerProgress(PRACTICES_PROJECTOR, minPosition);
      if (progress === 'passed') return;
      if (progress === 'never_issued') {
        throw new ValidationError('practices.position_not_issued', `No event has global position ${minPosition} yet`, [{ path: '/query/minPosition', message: 'is past the head of the log' }]);
      }
      const waited = performance.now() - started;
      if (waited >= this.waitTimeoutMs) throw new PracticesNotCaughtUpError(minPosition, Math.round(waited));
      await new Promise((r) => setTimeout(r, Math.min(delay, this.waitTimeoutMs - waited)));
    }
  }

  async list(f: PracticeFilters, actor: Actor | undefined): Promise<{ items: PracticeView[]; total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [visibility(actor, p)];
    let rank: string | null = null;
    if (f.q !== undefined && f.q.trim() !== '') {
      const tsquery = await this.tsquery(f.q);
      if (tsquery === '') return { items: [], total: 0 };
      where.push(`search @@ ${p(tsquery)}::tsquery`);
      rank = `ts_rank_cd(search, $${params.length}::tsquery)`;
    }
    if (f.kind) where.push(`kind = ${p(f.kind)}`);
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.article) where.push(`${p(f.article)} = ANY(articles)`);
    if (f.theme) where.push(`${p(f.theme)} = ANY(themes)`);
    if (f.country) where.push(`${p(f.country)} = ANY(countries)`);
    if (f.region) where.push(`countries && ${p(codelists.get('regions', f.region)?.countries ?? [])}::text[]`);
    if (f.language) where.push(`title ? ${p(f.language)}`);
    if (f.engagementId) where.push(`${p(f.engagementId)} = ANY(engagement_ids)`);
    const clause = where.join(' AND ');
    const countParams = [...params];
    const limit = p(f.limit ?? 50);
    const offset = p(f.offset ?? 0);
    // The page and the total from one snapshot: two statements on two connections could see the
    // projector's write between them (a total of 1 over an empty page).
    const client = await this.pool.connect();
    let rows: { rows: PracticeDbRow[] };
    let count: { rows: Array<{ n: string }> };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      rows = await client.query<PracticeDbRow>(`SELECT ${PRACTICE_COLUMNS} FROM practices.practices WHERE ${clause} ORDER BY ${rank ? `${rank} DESC, ` : ''}coalesce(published_at, submitted_at) DESC, id LIMIT ${limit} OFFSET ${offset}`, params);
      count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM practices.practices WHERE ${clause}`, countParams);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    return { items: rows.rows.map(practiceView), total: Number(count.rows[0]!.n) };
  }

  /** The practice, or 404 `practice.not_found` when it does not exist or the reader may not see it. */
  async get(id: string, actor: Actor | undefined): Promise<PracticeView> {
    const { rows } = await this.pool.query<PracticeDbRow>(`SELECT ${PRACTICE_COLUMNS} FROM practices.practices WHERE id = $1`, [id]);
    const row = rows[0] ? practiceRowFromDb(rows[0]) : null;
    if (!row || !maySeePractice(actor, row.practice)) throw new NotFoundError('practice.not_found', 'No such practice');
    return practiceView(rows[0]!);
  }

  /**
   * Published practices related to a request: those sharing one of its UNCAC articles (or, for a
   * request not yet triaged, one of the themes given), most shared first.
   */
  async related(articles: readonly string[], themes: readonly string[], limit = 10): Promise<PracticeView[]> {
    if (articles.length === 0 && themes.length === 0) return [];
    const { rows } = await this.pool.query<PracticeDbRow>(
      `SELECT ${PRACTICE_COLUMNS} FROM practices.practices
        WHERE status = 'published' AND (articles && $1::text[] OR themes && $2::text[])
        ORDER BY (SELECT count(*) FROM unnest(articles) a WHERE a = ANY($1)) + (SELECT count(*) FROM unnest(themes) t WHERE t = ANY($2)) DESC,
                 published_at DESC, id
        LIMIT $3`,
      [articles, themes, limit],
    );
    return rows.map(practiceView);
  }

  /**
   * For the working group (para 3): what the library collected in a period, as the reader may see
   * it: practices submitted and published in [from, to), by theme (para 5 and the others), by
   * UNCAC article and by kind, and the practices published in the period.
   */
  async digest(from: Date, to: Date, actor: Actor | undefined): Promise<PracticeDigest> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const seen = visibility(actor, p);
    const f = p(from);
    const t = p(to);
    const inPeriod = (column: string) => `(${column} >= ${f} AND ${column} < ${t})`;
    const counts = async (unnest: string) =>
      (
        await this.pool.query<{ code: string; submitted: string; published: string }>(
          `SELECT code, count(*) FILTER (WHERE ${inPeriod('submitted_at')}) AS submitted, count(*) FILTER (WHERE ${inPeriod('published_at')}) AS published
             FROM practices.practices, ${unnest} AS code
            WHERE ${seen} AND (${inPeriod('submitted_at')} OR ${inPeriod('published_at')})
            GROUP BY code ORDER BY code`,
          params,
        )
      ).rows.map((r) => ({ code: r.code, submitted: Number(r.submitted), published: Number(r.published) }));
    const [byTheme, byArticle, byKind, published] = await Promise.all([
      counts('unnest(themes)'),
      counts('unnest(articles)'),
      counts('unnest(ARRAY[kind])'),
      this.pool.query<PracticeDbRow>(`SELECT ${PRACTICE_COLUMNS} FROM practices.practices WHERE ${seen} AND status = 'published' AND ${inPeriod('published_at')} ORDER BY published_at, id`, params),
    ]);
    return { from: from.toISOString(), to: to.toISOString(), byTheme, byArticle, byKind, published: published.rows.map(practiceView) };
  }

  /** The document's description when it belongs to the practice and the reader may see the practice. */
  async document(practiceId: string, sha256: string, actor: Actor | undefined): Promise<PracticeDocument> {
    const practice = await this.get(practiceId, actor).catch(() => null);
    const doc = practice?.documents.find((d) => d.sha256 === sha256);
    if (!doc) throw new NotFoundError('document.not_found', 'No such document');
    return doc;
  }

  /** The query as one tsquery (as the case search does): every language's configuration, Chinese as bigram phrases. */
  private async tsquery(q: string): Promise<string> {
    const params: unknown[] = [q];
    const parts = CONFIGURATIONS.map((c) => `websearch_to_tsquery('${c}'::regconfig, $1)`);
    const zh = cjkTsquery(q);
    if (zh) parts.push(`to_tsquery('simple'::regconfig, $${params.push(zh)})`);
    const { rows } = await this.pool.query<{ q: string }>(
      `SELECT coalesce(string_agg(DISTINCT '(' || x::text || ')', ' | '), '') AS q FROM unnest(ARRAY[${parts.join(', ')}]) x WHERE x::text <> ''`,
      params,
    );
    return rows[0]!.q;
  }
}

function visibility(actor: Actor | undefined, p: (v: unknown) => string): string {
  if (!actor) return `status = 'published'`;
  if (actor.role === 'secretariat') return 'true';
  if (actor.role === 'state') {
    return actor.country ? `(status = 'published' OR (status <> 'withdrawn' AND contributor_organisation IS NULL AND contributor_country = ${p(actor.country)}))` : `status = 'published'`;
  }
  return actor.organisation ? `(status = 'published' OR (status <> 'withdrawn' AND contributor_organisation = ${p(actor.organisation)}))` : `status = 'published'`;
}

/** A practice's row as readers see it. */
export function practiceView(r: PracticeDbRow): PracticeView {
  const row = practiceRowFromDb(r);
  const p = row.practice;
  return {
    id: p.practiceId,
    kind: p.kind,
    status: p.status,
    title: p.title,
    summary: p.summary,
    originalLanguages: p.originalLanguages,
    articles: p.articles,
    themes: p.themes,
    countries: p.countries,
    engagementIds: p.engagementIds,
    contributor: p.contributor,
    documents: p.documents.map((d) => ({ ...d, href: `/practices/${p.practiceId}/documents/${d.sha256}` })),
    submittedAt: p.submittedAt,
    publishedAt: p.publishedAt,
    version: row.version,
  };
}

/** The library's read model did not reach `minPosition` in time (503 with Retry-After). */
export class PracticesNotCaughtUpError extends Error {
  readonly code = 'practices.not_caught_up';
  constructor(
    readonly minPosition: number,
    readonly waitedMs: number,
  ) {
    super(`The library has not reached global position ${minPosition} after ${waitedMs} ms; retry shortly`);
  }
}
