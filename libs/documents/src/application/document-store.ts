import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { ValidationError } from '@ta/core';
import { detectDocumentType, ACCEPTED_DOCUMENT_TYPES, type AcceptedType } from '../domain';
import { extractDocumentText } from './document-text';

/** A stored file's description (its content is fetched separately). */
export interface StoredFile {
  readonly sha256: string;
  readonly mediaType: string;
  readonly size: number;
}

/**
 * Where documents' bytes live, addressed by the SHA-256 of their content. PostgreSQL by default
 * (PostgresDocumentStore); an object store can take its place behind this port.
 */
export interface DocumentStore {
  /** Checks the content (size, type from the bytes, readable), stores it once, returns its address. */
  put(content: Buffer): Promise<StoredFile & { readonly type: AcceptedType }>;
  get(sha256: string): Promise<(StoredFile & { readonly content: Buffer }) | null>;
  /** The text extracted for search, null when none. */
  text(sha256: string): Promise<string | null>;
}

/**
 * The table of files, shared by every record that carries documents (practices, cases). It was
 * created with the library of practices (libs/practices/migrations/001-practices.sql) and kept
 * there: one store, one copy of each content.
 */
const FILES = 'practices.files';

export const DOCUMENT_MAX_BYTES_DEFAULT = 10 * 1024 * 1024;

export class PostgresDocumentStore implements DocumentStore {
  constructor(
    private readonly pool: Pool,
    readonly maxBytes = DOCUMENT_MAX_BYTES_DEFAULT,
  ) {}

  async put(content: Buffer): Promise<StoredFile & { readonly type: AcceptedType }> {
    if (content.length === 0) throw new ValidationError('document.empty', 'The file is empty', [{ path: '/body', message: 'is empty' }]);
    if (content.length > this.maxBytes) throw new ValidationError('document.too_large', `The file is larger than ${this.maxBytes} bytes`, [{ path: '/body', message: `more than ${this.maxBytes} bytes` }]);
    const type = detectDocumentType(content);
    if (!type) {
      const accepted = ACCEPTED_DOCUMENT_TYPES.map((t) => t.extension.toUpperCase()).join(', ');
      throw new ValidationError('document.type_not_accepted', `The file's content is not one of the accepted types (${accepted}); the file name and the declared type are not taken into account`, [
        { path: '/body', message: 'not a document or image type the platform accepts' },
      ]);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const existing = await this.pool.query<{ size: number }>(`SELECT size FROM ${FILES} WHERE sha256 = $1`, [sha256]);
    if (existing.rows.length === 0) {
      let text: string | null;
      try {
        text = await extractDocumentText(content, type);
      } catch (e) {
        throw new ValidationError('document.unreadable', `The file starts as a ${type.extension.toUpperCase()} but cannot be read as one: ${(e as Error).message}`, [{ path: '/body', message: 'not readable as its type' }]);
      }
      await this.pool.query(`INSERT INTO ${FILES}(sha256, media_type, size, content, text_content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`, [
        sha256,
        type.mediaType,
        content.length,
        content,
        text,
      ]);
    }
    return { sha256, mediaType: type.mediaType, size: content.length, type };
  }

  async get(sha256: string): Promise<(StoredFile & { readonly content: Buffer }) | null> {
    const { rows } = await this.pool.query<{ media_type: string; size: number; content: Buffer }>(`SELECT media_type, size, content FROM ${FILES} WHERE sha256 = $1`, [sha256]);
    const r = rows[0];
    return r ? { sha256, mediaType: r.media_type, size: r.size, content: r.content } : null;
  }

  async text(sha256: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ text_content: string | null }>(`SELECT text_content FROM ${FILES} WHERE sha256 = $1`, [sha256]);
    return rows[0]?.text_content ?? null;
  }
}
