import type { Pool } from 'pg';
import { fold, ForbiddenError, NotFoundError, ValidationError, type Decider, type DomainEvent } from '@ta/core';
import { engagementsOfRequest, mayKnowRequest, poolReads, READ_ACCESS_POLICY, readRequest, requestAccessFacts, requestNotFound } from '@ta/case';
import { envInt, type Actor, type CommandContext, type CommandExecutor, type CommandResult, type Infrastructure } from '@ta/platform';
import {
  caseDocumentEventSchemaVersions,
  caseDocumentsDecider,
  caseDocumentsStreamId,
  type CaseDocument,
  type CaseDocumentCommand,
  type CaseDocumentEvent,
} from '../domain';
import { DOCUMENT_MAX_BYTES_DEFAULT, PostgresDocumentStore, type DocumentStore } from './document-store';

type Store = { readStream(id: string): Promise<ReadonlyArray<{ type: string; data: unknown }>> };

const ENGAGED: readonly string[] = READ_ACCESS_POLICY.RestrictedRequest.engagedProvider;

/** A case's document as readers see it, with where to download it. */
export type CaseDocumentView = CaseDocument & { readonly href: string };

/**
 * The documents of cases: read and attached exactly as the case is known. Whoever may not know
 * the request (a restricted case: another State, a provider not engaged on it) gets the case's
 * own 404 `request.not_found` on the list, the download and the upload alike. Attaching is for
 * the case's parties: the Secretariat, the requesting State, a provider engaged on it (403
 * `access.not_a_party` for another reader of an open case).
 */
export class CaseDocuments {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly store: Store,
    private readonly pool: Pool,
    readonly files: DocumentStore,
  ) {}

  /** The request's access facts, or its 404 when the actor may not know it. */
  private async known(actor: Actor, requestId: string) {
    const reads = poolReads(this.pool, this.store);
    const request = await readRequest(reads, requestId);
    if (request.status === 'empty') throw requestNotFound(requestId);
    const engagements = await engagementsOfRequest(reads, request);
    if (!mayKnowRequest(actor, requestAccessFacts(request, engagements))) throw requestNotFound(requestId);
    return { request, engagements };
  }

  async list(actor: Actor, requestId: string): Promise<{ items: CaseDocumentView[] }> {
    await this.known(actor, requestId);
    const state = fold(caseDocumentsDecider, (await this.store.readStream(caseDocumentsStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as CaseDocumentEvent));
    return { items: state.documents.map((d) => ({ ...d, href: `/requests/${requestId}/documents/${d.sha256}` })) };
  }

  /** The document's description when it belongs to the case and the actor may know the case. */
  async document(actor: Actor, requestId: string, sha256: string): Promise<CaseDocumentView> {
    const doc = (await this.list(actor, requestId)).items.find((d) => d.sha256 === sha256);
    if (!doc) throw new NotFoundError('document.not_found', 'No such document');
    return doc;
  }

  /**
   * Attaches a stored file to the request or to one of its engagements. The file is stored (by
   * its SHA-256) before: a refused command leaves a file no event attaches, never served.
   */
  async attach(
    requestId: string,
    file: { sha256: string; mediaType: string; size: number },
    meta: { fileName: string; title: string | null; engagementId: string | null },
    at: string,
    ctx: CommandContext,
  ): Promise<CommandResult> {
    const actor = ctx.actor;
    const { request, engagements } = await this.known(actor, requestId);
    const org = actor.organisation;
    const engaged = (providerId: string) => org !== undefined && (providerId === org || (actor.providerIds ?? []).includes(providerId));
    const live = engagements.flatMap((e) => (e.status !== 'empty' && ENGAGED.includes(e.status) ? [e] : []));
    const party =
      actor.role === 'secretariat' ||
      (actor.role === 'state' && actor.country === request.country) ||
      ((actor.role === 'donor' || actor.role === 'authority') && live.some((e) => engaged(e.providerId)));
    if (!party) throw new ForbiddenError('access.not_a_party', "Documents are attached by the case's parties: the Secretariat, the requesting State, a provider engaged on it");
    if (meta.engagementId !== null && !engagements.some((e) => e.status !== 'empty' && e.engagementId === meta.engagementId)) {
      throw new ValidationError('document.unknown_engagement', 'No engagement of this request has this id', [{ path: '/query/engagementId', message: 'is not an engagement of the request' }]);
    }
    const command: CaseDocumentCommand = {
      type: 'AttachCaseDocument',
      requestId,
      at,
      document: {
        sha256: file.sha256,
        fileName: meta.fileName,
        mediaType: file.mediaType,
        size: file.size,
        title: meta.title,
        engagementId: meta.engagementId,
        attachedBy: { role: actor.role, country: actor.role === 'state' ? (actor.country ?? null) : null, organisation: actor.role === 'state' ? null : (org ?? null) },
      },
    };
    return this.executor.execute(
      {
        decider: caseDocumentsDecider as unknown as Decider<CaseDocumentCommand, DomainEvent, unknown>,
        streamId: caseDocumentsStreamId(requestId),
        command,
        at,
        schemaVersions: caseDocumentEventSchemaVersions,
        ids: { id: requestId },
      },
      ctx,
    );
  }
}

/** What a process that serves the documents of cases composes them from. */
export interface CaseDocumentsServices {
  readonly documents: CaseDocuments;
  /** The largest file accepted (CASE_DOCUMENT_MAX_BYTES, default 10 MiB). */
  readonly maxDocumentBytes: number;
}

export function createCaseDocumentsServices(infra: Infrastructure, executor: CommandExecutor): CaseDocumentsServices {
  const maxDocumentBytes = envInt(infra.config.env, 'CASE_DOCUMENT_MAX_BYTES', DOCUMENT_MAX_BYTES_DEFAULT, 1024);
  return { documents: new CaseDocuments(executor, infra.eventStore.store, infra.pool, new PostgresDocumentStore(infra.pool, maxDocumentBytes)), maxDocumentBytes };
}
