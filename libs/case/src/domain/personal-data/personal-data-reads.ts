/**
 * Who read personal data (issue 18 item 5; docs/audit.md, "Who read personal data"): every read
 * of a request's contact person is recorded as a `PersonalDataRead` event on a stream of its own,
 * one per data subject (`personal-data-<requestId>`, which also records its erasure), apart from the request's stream: a
 * read is not a change of the case, and the case's stream version (its ETag) must not move when
 * someone looks. The event names the reader, never the data read.
 */

export const PERSONAL_DATA_READ = 'PersonalDataRead';
export const PERSONAL_DATA_READ_SCHEMA_VERSION = 1;

/** Whose personal data: today a request's contact person. */
export type PersonalDataSubject = { readonly kind: 'contact_person'; readonly requestId: string };

export interface PersonalDataReadData {
  readonly subject: PersonalDataSubject;
  /** The reader as the verified token named it. */
  readonly reader: { readonly id: string; readonly role: string; readonly country?: string; readonly organisation?: string };
  /** Why: the route that served it (`GET /requests/{id}/contact-person`). */
  readonly route: string;
  /** When it was served, ISO 8601 (an input, not read here). */
  readonly at: string;
}

export interface PersonalDataReadEvent {
  readonly type: typeof PERSONAL_DATA_READ;
  readonly data: PersonalDataReadData;
}

/** The read to record. */
export function personalDataRead(input: PersonalDataReadData): PersonalDataReadEvent {
  const { id, role, country, organisation } = input.reader;
  return {
    type: PERSONAL_DATA_READ,
    data: {
      subject: input.subject,
      reader: { id, role, ...(country ? { country } : {}), ...(organisation ? { organisation } : {}) },
      route: input.route,
      at: input.at,
    },
  };
}

export const PERSONAL_DATA_ERASED = 'PersonalDataErased';
export const PERSONAL_DATA_ERASED_SCHEMA_VERSION = 1;

/** A subject's personal data erased (its key destroyed): who asked, why, when. */
export interface PersonalDataErasedData {
  readonly subject: PersonalDataSubject;
  readonly by: PersonalDataReadData['reader'];
  readonly reason: string;
  readonly at: string;
}

export function personalDataErased(input: PersonalDataErasedData): { readonly type: typeof PERSONAL_DATA_ERASED; readonly data: PersonalDataErasedData } {
  const { id, role, country, organisation } = input.by;
  return {
    type: PERSONAL_DATA_ERASED,
    data: { subject: input.subject, by: { id, role, ...(country ? { country } : {}), ...(organisation ? { organisation } : {}) }, reason: input.reason, at: input.at },
  };
}

/**
 * Personal data as stored in an event: encrypted with its subject's key (AES-256-GCM, base64
 * `iv` and `data` = ciphertext || tag). Made and opened by the application (it holds the keys).
 */
export interface SealedPersonalData {
  readonly sealed: { readonly v: 1; readonly alg: 'A256GCM'; readonly iv: string; readonly data: string };
}

/** One read as listed to the Secretariat and the data subject's State. */
export interface PersonalDataReadEntry extends PersonalDataReadData {
  /** The position of the read in its stream (1 = the first). */
  readonly sequence: number;
}

/**
 * The reads recorded on a subject's stream, newest first, those at or after `since` only (the
 * retention window of the listing; null: all).
 */
export function readsOf(events: ReadonlyArray<{ readonly type: string; readonly data: unknown; readonly streamPosition: number }>, since: string | null): PersonalDataReadEntry[] {
  const out: PersonalDataReadEntry[] = [];
  for (const e of events) {
    if (e.type !== PERSONAL_DATA_READ) continue;
    const data = e.data as PersonalDataReadData;
    if (since !== null && data.at < since) continue;
    out.push({ ...data, sequence: e.streamPosition });
  }
  return out.reverse();
}
