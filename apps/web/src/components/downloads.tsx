import { useState } from 'preact/hooks';
import { ApiProblem } from '../lib/api';
import { authHeaders } from '../lib/auth';
import { fmt, language, t } from '../lib/i18n';

type Params = Record<string, string | number | boolean | undefined | null>;

/**
 * Fetches a file from the API with the reader's token, reading the body as it streams: after a
 * second, `onProgress` is told the bytes received so far. Then hands it to the browser as a download.
 */
export async function downloadFile(path: string, onProgress: (bytes: number) => void, init: RequestInit = {}): Promise<void> {
  const res = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers ?? {}) } });
  if (!res.ok) {
    let code = `http.${res.status}`;
    let detail = res.statusText;
    try {
      const p = (await res.json()) as { code?: string; detail?: string };
      code = p.code ?? code;
      detail = p.detail ?? detail;
    } catch {
      // not a problem document
    }
    throw new ApiProblem(res.status, code, detail);
  }
  const started = Date.now();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    if (Date.now() - started > 1000) onProgress(bytes);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

/**
 * "CSV" and "XLSX" buttons for a view: its export (`/exports/<view>`) with the view's filters,
 * labels in the reader's language; the bytes received show once a download takes over a second.
 */
export function Downloads({ view, params = {}, label }: { view: string; params?: Params; label: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setProgress(null);
    setError(null);
    try {
      await downloadFile(`/exports/${view}?${query({ ...params, format, lang: language.get() })}`, setProgress);
    } catch (e) {
      setError(e instanceof ApiProblem ? e.detail : String(e));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };
  return (
    <div class="downloads" role="group" aria-label={t('download.group', { view: label })}>
      <button type="button" class="btn btn-secondary" disabled={busy !== null} aria-busy={busy === 'csv' || undefined} onClick={() => void go('csv')}>
        {t('download.csv')}
      </button>
      <button type="button" class="btn btn-secondary" disabled={busy !== null} aria-busy={busy === 'xlsx' || undefined} onClick={() => void go('xlsx')}>
        {t('download.xlsx')}
      </button>
      {progress !== null && (
        <span class="hint" role="status">
          {t('download.progress', { size: fmt.number(progress / 1024, 0) })}
        </span>
      )}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
