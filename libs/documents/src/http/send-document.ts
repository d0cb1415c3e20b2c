import type { Response } from 'express';
import { NotFoundError } from '@ta/core';
import type { DocumentStore } from '../application/document-store';

/**
 * Sends a stored file so that it can never run in the platform's origin: as an attachment
 * (`Content-Disposition`), with its detected type, `nosniff`, and a CSP sandbox that gives a
 * browser rendering it anyway no script, form or same-origin right.
 */
export async function sendDocument(res: Response, doc: { readonly sha256: string; readonly fileName: string }, store: DocumentStore): Promise<void> {
  const file = await store.get(doc.sha256);
  if (!file) throw new NotFoundError('document.not_found', 'No such document');
  const ascii = doc.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
  res.setHeader('ETag', `"${doc.sha256}"`);
  res.status(200).end(file.content);
}
