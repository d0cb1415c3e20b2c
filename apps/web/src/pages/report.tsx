import { useState } from 'preact/hooks';
import { downloadFile } from '../components/downloads';
import { Section } from '../components/ui';
import { authHeaders } from '../lib/auth';
import { fmt, language, LANGUAGES, t, type Lang } from '../lib/i18n';

/** Each language by its own name (as the language switch shows them). */
const NATIVE: Record<Lang, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };

interface Made {
  readonly reportId: string;
  readonly position: string;
  readonly positionRecordedAt: string | null;
  readonly sha256: string;
}

/** The first day of this year and of the next, as the default period. */
function defaultPeriod(): { from: string; to: string } {
  const y = new Date().getUTCFullYear();
  return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
}

/**
 * Makes a report for a period (POST /reports), showing the progress the API streams while it
 * reads the record (NDJSON), then offers the document as PDF or XLSX in any of the six languages.
 */
export function ReportPage() {
  const [period, setPeriod] = useState(defaultPeriod);
  const [lang, setLang] = useState<string>(language.get());
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<number | null>(null);

  const make = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMade(null);
    setProgress(null);
    const started = Date.now();
    try {
      const res = await fetch('/reports', {
        method: 'POST',
        headers: { ...authHeaders(), 'Content-Type': 'application/json', Accept: 'application/x-ndjson' },
        body: JSON.stringify({ from: period.from, to: period.to, lang, format: 'pdf' }),
      });
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as { detail?: string };
        throw new Error(p.detail ?? res.statusText);
      }
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as { progress?: { eventsRead: number; target: number }; report?: Made; problem?: { detail: string } };
          buffer = buffer.slice(nl + 1);
          if (line.progress && Date.now() - started > 1000) setProgress(Math.min(1, line.progress.eventsRead / Math.max(1, line.progress.target)));
          if (line.report) setMade(line.report);
          if (line.problem) throw new Error(line.problem.detail);
        }
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const download = async (format: 'pdf' | 'xlsx') => {
    if (!made) return;
    setError(null);
    setDownloading(0);
    try {
      await downloadFile(`/reports/${made.reportId}?format=${format}&lang=${lang}`, setDownloading);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div data-ready="true">
      <h1>{t('report.title')}</h1>
      <p class="hint">{t('report.intro')}</p>
      <form class="form" onSubmit={(e) => void make(e)}>
        <label for="report-from">{t('report.from')}</label>
        <input id="report-from" type="date" required value={period.from} onInput={(e) => setPeriod({ ...period, from: (e.target as HTMLInputElement).value })} />
        <label for="report-to">{t('report.to')}</label>
        <input id="report-to" type="date" required value={period.to} onInput={(e) => setPeriod({ ...period, to: (e.target as HTMLInputElement).value })} />
        <label for="report-lang">{t('report.language')}</label>
        <select id="report-lang" value={lang} onChange={(e) => setLang((e.target as HTMLSelectElement).value)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {NATIVE[l]}
            </option>
          ))}
        </select>
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {t('report.make')}
        </button>
      </form>
      {busy && progress !== null && (
        <p role="status">
          <progress max={1} value={progress} aria-label={t('report.progress', { percent: fmt.number(progress * 100) })} /> {t('report.progress', { percent: fmt.number(progress * 100) })}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <Section id="report-made" title={t('report.made')}>
          <p>{t('report.position', { position: made.position, date: made.positionRecordedAt ? fmt.dateTime(made.positionRecordedAt) : '–' })}</p>
          <p>
            {t('report.hash')}: <code dir="ltr">{made.sha256}</code>
          </p>
          <div class="downloads" role="group" aria-label={t('report.made')}>
            <button type="button" class="btn btn-secondary" disabled={downloading !== null} onClick={() => void download('pdf')}>
              {t('report.pdf')}
            </button>
            <button type="button" class="btn btn-secondary" disabled={downloading !== null} onClick={() => void download('xlsx')}>
              {t('report.xlsx')}
            </button>
            {downloading !== null && downloading > 0 && (
              <span class="hint" role="status">
                {t('download.progress', { size: fmt.number(downloading / 1024) })}
              </span>
            )}
          </div>
        </Section>
      )}
    </div>
  );
}
