import { ValidationError, assertUnreachable, type Decider, type DomainEvent } from '@ta/core';

/**
 * The documents of a case (terms of reference, reports, laws; issue 22 item 3): files attached
 * to a request or to one of its engagements, on a stream of their own per request
 * (`case-documents-<requestId>`), beside the case's streams and not in them. Who may attach and
 * whether the engagement belongs to the request are decided before (inputs); here: the texts'
 * limits, at most DOCUMENTS_PER_CASE files, and the same file attached again to the same record
 * changes nothing.
 */
export const CASE_DOCUMENTS_STREAM_PREFIX = 'case-documents-';
export const caseDocumentsStreamId = (requestId: string) => `${CASE_DOCUMENTS_STREAM_PREFIX}${requestId}`;
export const DOCUMENTS_PER_CASE = 100;
export const DOCUMENT_TITLE_MAX_LENGTH = 300;
export const FILE_NAME_MAX_LENGTH = 200;

export interface CaseDocument {
  readonly sha256: string;
  readonly fileName: string;
  /** Detected from the content. */
  readonly mediaType: string;
  readonly size: number;
  /** What the document is (free text, any language), or null. */
  readonly title: string | null;
  /** The engagement it belongs to, or null for the request itself. */
  readonly engagementId: string | null;
  readonly attachedBy: { readonly role: string; readonly country: string | null; readonly organisation: string | null };
  readonly attachedAt: string;
}

export interface AttachCaseDocument {
  readonly type: 'AttachCaseDocument';
  readonly requestId: string;
  readonly document: Omit<CaseDocument, 'attachedAt'>;
  readonly at: string;
}
export type CaseDocumentCommand = AttachCaseDocument;

export type CaseDocumentAttached = DomainEvent<'CaseDocumentAttached', { readonly requestId: string; readonly document: Omit<CaseDocument, 'attachedAt'>; readonly at: string }>;
export type CaseDocumentEvent = CaseDocumentAttached;
export const caseDocumentEventSchemaVersions = { CaseDocumentAttached: 1 } as const satisfies Record<CaseDocumentEvent['type'], number>;

export interface CaseDocumentsState {
  readonly documents: readonly CaseDocument[];
}

const SHA256 = /^[0-9a-f]{64}$/;
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202d\u202e]*$/;

export function evolveCaseDocuments(state: CaseDocumentsState, event: CaseDocumentEvent): CaseDocumentsState {
  const type: CaseDocumentEvent['type'] = event.type;
  switch (type) {
    case 'CaseDocumentAttached':
      return { documents: [...state.documents, { ...event.data.document, attachedAt: event.data.at }] };
    default:
      return assertUnreachable(type, 'Unknown case document event');
  }
}

export function decideCaseDocuments(command: CaseDocumentCommand, state: CaseDocumentsState): CaseDocumentEvent[] {
  const type: CaseDocumentCommand['type'] = command.type;
  switch (type) {
    case 'AttachCaseDocument': {
      const d = command.document;
      const problems: Array<{ path: string; message: string }> = [];
      if (!SHA256.test(d.sha256)) problems.push({ path: '/sha256', message: 'is not a SHA-256' });
      if (d.fileName.trim() === '' || [...d.fileName].length > FILE_NAME_MAX_LENGTH || !SINGLE_LINE.test(d.fileName) || /[\\/]/.test(d.fileName)) {
        problems.push({ path: '/query/fileName', message: `a file name of 1 to ${FILE_NAME_MAX_LENGTH} characters, no path` });
      }
      if (d.title !== null && (d.title.trim() === '' || [...d.title].length > DOCUMENT_TITLE_MAX_LENGTH || !SINGLE_LINE.test(d.title))) {
        problems.push({ path: '/query/title', message: `a title of 1 to ${DOCUMENT_TITLE_MAX_LENGTH} characters on one line` });
      }
      if (problems.length > 0) throw new ValidationError('input.invalid', 'The document is not valid', problems);
      // The same file on the same record again: nothing new.
      if (state.documents.some((x) => x.sha256 === d.sha256 && x.engagementId === d.engagementId)) return [];
      if (state.documents.length >= DOCUMENTS_PER_CASE) {
        throw new ValidationError('document.too_many', `A case carries at most ${DOCUMENTS_PER_CASE} documents`, [{ path: '/body', message: `more than ${DOCUMENTS_PER_CASE} documents` }]);
      }
      return [{ type: 'CaseDocumentAttached', data: { requestId: command.requestId, document: d, at: command.at } }];
    }
    default:
      return assertUnreachable(type, 'Unknown case document command');
  }
}

export const caseDocumentsDecider: Decider<CaseDocumentCommand, CaseDocumentEvent, CaseDocumentsState> = {
  decide: decideCaseDocuments,
  evolve: evolveCaseDocuments,
  initialState: () => ({ documents: [] }),
};
