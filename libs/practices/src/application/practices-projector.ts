import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { cjkBigrams } from '@ta/coordination';
import type { DurableConsumer, PostgresEventStoreHandle, RecordedEvent } from '@ta/event-store';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import { engagementEventSchemaVersions, type EngagementEvent } from '@ta/case';
import {
  evolvePractice,
  LESSON_INVITATION_STREAM_PREFIX,
  lessonInvitationEventSchemaVersions,
  PRACTICE_STREAM_PREFIX,
  practiceEventSchemaVersions,
  type LessonInvitationEvent,
  type Practice,
  type PracticeEvent,
  type PracticeState,
} from '../domain';

/** The library's read model and document store, schema `practices` (libs/practices/migrations/). */
export const practicesMigrations: MigrationSet = sqlMigrationSet('practices', join(__dirname, '..', '..', 'migrations'));

export const PRACTICES_PROJECTOR = 'practices-projector';

const KNOWN: ReadonlyMap<string, number> = new Map(Object.entries(practiceEventSchemaVersions));

export function isPracticeEvent(e: RecordedEvent): boolean {
  return e.streamId.startsWith(PRACTICE_STREAM_PREFIX) && KNOWN.get(e.type) === e.schemaVersion;
}

/** A practice's row: its state folded from its events, with what the projector adds. */
export interface PracticeRow {
  readonly practice: Practice;
  /** Text extracted from its documents, by language (`und` when the document gave none). */
  readonly documentTexts: Readonly<Record<string, string>>;
  readonly updatedAt: string;
  readonly version: number;
  readonly globalPosition: number;
}

/**
 * The practices projector, a durable consumer of the event store: rows and checkpoint commit in
 * one transaction. To rebuild, empty `practices.practices` and reset its checkpoint.
 */
export function createPracticesProjector(eventStore: PostgresEventStoreHandle, options: { onError?: (e: unknown) => void } = {}): DurableConsumer {
  return eventStore.consumer({ name: PRACTICES_PROJECTOR, handle: projectPracticesBatch, batchSize: 200, ...(options.onError ? { onError: options.onError } : {}) });
}

const ENGAGEMENT_STREAM_PREFIX = 'engagement-';
/** The engagement events the lesson invitations follow (who the parties are, whether it was delivered). */
const ENGAGEMENT_EVENTS: ReadonlySet<string> = new Set(['EngagementProposed', 'EngagementCompleted', 'CompletionAcknowledged', 'CompletionContested']);
const INVITATION_EVENTS: ReadonlyMap<string, number> = new Map(Object.entries(lessonInvitationEventSchemaVersions));

export async function projectPracticesBatch(events: readonly RecordedEvent[], tx: PoolClient): Promise<void> {
  const rows = new Map<string, PracticeRow | null>();
  for (const e of events) {
    if (e.streamId.startsWith(ENGAGEMENT_STREAM_PREFIX) && ENGAGEMENT_EVENTS.has(e.type) && engagementEventSchemaVersions[e.type as EngagementEvent['type']] === e.schemaVersion) {
      await projectEngagement(tx, { type: e.type, data: e.data } as EngagementEvent, e.globalPosition);
      continue;
    }
    if (e.streamId.startsWith(LESSON_INVITATION_STREAM_PREFIX) && INVITATION_EVENTS.get(e.type) === e.schemaVersion) {
      await projectInvitation(tx, { type: e.type, data: e.data } as LessonInvitationEvent, e.globalPosition);
      continue;
    }
    if (!isPracticeEvent(e)) continue;
    const event = { type: e.type, data: e.data } as PracticeEvent;
    const id = event.data.practiceId;
    if (!rows.has(id)) rows.set(id, await loadRow(tx, id));
    const before = rows.get(id) ?? null;
    const state = evolvePractice(before ? before.practice : ({ status: 'empty' } as PracticeState), event);
    if (state.status === 'empty') continue;
    let documentTexts = before?.documentTexts ?? {};
    if (event.type === 'PracticeDocumentAttached') {
      const { rows: found } = await tx.query<{ text_content: string | null }>('SELECT text_content FROM practices.files WHERE sha256 = $1', [event.data.document.sha256]);
      const text = found[0]?.text_content;
      if (text) {
        const language = event.data.document.language ?? 'und';
        documentTexts = { ...documentTexts, [language]: [documentTexts[language], cjkBigrams(text)].filter(Boolean).join('\n') };
      }
    }
    rows.set(id, { practice: state, documentTexts, updatedAt: event.data.at, version: e.streamPosition, globalPosition: e.globalPosition });
  }
  for (const row of rows.values()) if (row) await saveRow(tx, row);
}

/** An engagement's parties and delivery, for the invitation to record a lesson (`practices.lesson_invitations`). */
async function projectEngagement(tx: PoolClient, event: EngagementEvent, position: number): Promise<void> {
  const d = event.data;
  switch (event.type) {
    case 'EngagementProposed':
      await tx.query(
        `INSERT INTO practices.lesson_invitations(engagement_id, request_id, provider_id, country, global_position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (engagement_id) DO NOTHING`,
        [d.engagementId, d.requestId, event.data.providerId, event.data.country, position],
      );
      return;
    case 'EngagementCompleted':
      await tx.query('UPDATE practices.lesson_invitations SET delivered_at = $2, global_position = $3 WHERE engagement_id = $1', [d.engagementId, d.at, position]);
      return;
    case 'CompletionAcknowledged':
      await tx.query('UPDATE practices.lesson_invitations SET delivered_at = coalesce(delivered_at, $2), global_position = $3 WHERE engagement_id = $1', [d.engagementId, d.at, position]);
      return;
    case 'CompletionContested':
      // Active again: the invitation waits for the next completion.
      await tx.query('UPDATE practices.lesson_invitations SET delivered_at = NULL, global_position = $2 WHERE engagement_id = $1', [d.engagementId, position]);
      return;
    default:
      return;
  }
}

async function projectInvitation(tx: PoolClient, event: LessonInvitationEvent, position: number): Promise<void> {
  await tx.query(
    `UPDATE practices.lesson_invitations SET dismissed_by = CASE WHEN $2 = ANY(dismissed_by) THEN dismissed_by ELSE array_append(dismissed_by, $2) END, global_position = $3
      WHERE engagement_id = $1`,
    [event.data.engagementId, event.data.party, position],
  );
}

export const PRACTICE_COLUMNS =
  'id, kind, status, title, summary, original_languages, articles, themes, countries, engagement_ids, contributor_organisation, contributor_country, documents, ' +
  'document_texts, submitted_at, published_at, withdrawn_reason, updated_at, version, global_position';

export interface PracticeDbRow {
  id: string;
  kind: Practice['kind'];
  status: Practice['status'];
  title: Practice['title'];
  summary: Practice['summary'];
  original_languages: string[];
  articles: string[];
  themes: string[];
  countries: string[];
  engagement_ids: string[];
  contributor_organisation: string | null;
  contributor_country: string | null;
  documents: Practice['documents'];
  document_texts: Record<string, string>;
  submitted_at: Date;
  published_at: Date | null;
  withdrawn_reason: string | null;
  updated_at: Date;
  version: number;
  global_position: string;
}

export function practiceRowFromDb(r: PracticeDbRow): PracticeRow {
  return {
    practice: {
      status: r.status,
      practiceId: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      originalLanguages: r.original_languages,
      articles: r.articles,
      themes: r.themes,
      countries: r.countries,
      engagementIds: r.engagement_ids,
      contributor: { organisation: r.contributor_organisation, country: r.contributor_country },
      documents: r.documents,
      submittedAt: r.submitted_at.toISOString(),
      publishedAt: r.published_at ? r.published_at.toISOString() : null,
      withdrawnReason: r.withdrawn_reason,
    },
    documentTexts: r.document_texts,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    globalPosition: Number(r.global_position),
  };
}

async function loadRow(tx: PoolClient, id: string): Promise<PracticeRow | null> {
  const { rows } = await tx.query<PracticeDbRow>(`SELECT ${PRACTICE_COLUMNS} FROM practices.practices WHERE id = $1`, [id]);
  return rows[0] ? practiceRowFromDb(rows[0]) : null;
}

async function saveRow(tx: PoolClient, row: PracticeRow): Promise<void> {
  const p = row.practice;
  const zh = cjkBigrams([p.title.zh, p.summary.zh].filter(Boolean).join(' '));
  await tx.query(
    `INSERT INTO practices.practices(id, kind, status, title, summary, original_languages, articles, themes, countries, engagement_ids, contributor_organisation,
       contributor_country, documents, search_zh, document_texts, submitted_at, published_at, withdrawn_reason, updated_at, version, global_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, title = EXCLUDED.title, summary = EXCLUDED.summary, documents = EXCLUDED.documents,
       search_zh = EXCLUDED.search_zh, document_texts = EXCLUDED.document_texts, published_at = EXCLUDED.published_at,
       withdrawn_reason = EXCLUDED.withdrawn_reason, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, global_position = EXCLUDED.global_position`,
    [
      p.practiceId,
      p.kind,
      p.status,
      JSON.stringify(p.title),
      JSON.stringify(p.summary),
      p.originalLanguages,
      p.articles,
      p.themes,
      p.countries,
      p.engagementIds,
      p.contributor.organisation,
      p.contributor.country,
      JSON.stringify(p.documents),
      zh,
      JSON.stringify(row.documentTexts),
      p.submittedAt,
      p.publishedAt,
      p.withdrawnReason,
      row.updatedAt,
      row.version,
      row.globalPosition,
    ],
  );
}
