import { authHeaders } from './auth';
import { ApiProblem } from './api';
import type { PracticeKind } from './api-types';

/** The kinds of practice (resolution 3/2), in the order the forms offer them. */
export const PRACTICE_KINDS = (['good_practice', 'regulation_model', 'methodology', 'training_curriculum', 'lesson_learned'] as const satisfies readonly PracticeKind[]).slice();

/** The themes of resolution 3/2 (codelist `practice-themes`), with the paragraph naming each. */
export const PRACTICE_THEMES = [
  'public-procurement',
  'public-finance',
  'public-administration-integrity',
  'awareness-raising',
  'public-private-partnerships',
  'public-sector-regulation',
  'conflict-of-interest',
  'codes-of-conduct',
  'vulnerability-assessment',
  'education-programmes',
  'journalism',
  'training-institutions',
] as const;

/**
 * Uploads a file's bytes to a practice (the API detects its type from the content). Not `post`
 * of api.ts: the body is the file, not JSON.
 */
export async function uploadDocument(practiceId: string, file: File, lang: string): Promise<void> {
  await uploadFile(`/practices/${encodeURIComponent(practiceId)}/documents`, file, { language: lang });
}

/** Uploads a file's bytes to a record's documents route (a practice's, a case's), with its name and `params`. */
export async function uploadFile(path: string, file: File, params: Record<string, string> = {}): Promise<void> {
  const q = new URLSearchParams({ fileName: file.name, ...params });
  const res = await fetch(`${path}?${q}`, {
    method: 'POST',
    headers: { ...authHeaders(), 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body: file,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; errors?: [] };
    throw new ApiProblem(res.status, body.code ?? `http.${res.status}`, body.detail ?? res.statusText, body.errors ?? []);
  }
}

/** Downloads a document with the reader's token (a plain link would carry none), saving it under its name. */
export async function downloadDocument(href: string, fileName: string): Promise<void> {
  const res = await fetch(href, { headers: authHeaders() });
  if (!res.ok) throw new ApiProblem(res.status, `http.${res.status}`, res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
