import { useState } from 'preact/hooks';
import { CommandButton, refresh, TextCommand } from '../components/actions';
import { Badge, Button, ErrorSummary, Field, Loading, ProblemNote, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { PracticeView } from '../lib/api-types';
import { session } from '../lib/auth';
import { UN_LANGUAGES } from '../lib/codes';
import { fmt, language, localized, t } from '../lib/i18n';
import { articleLabel, countryLabel } from '../lib/labels';
import { downloadDocument, uploadDocument } from '../lib/practices';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

/** One practice: its texts (originals and translations), documents, and what the reader may do with it. */
export function PracticePage({ id }: { id: string }) {
  const s = useStore(session)!;
  const lang = useStore(language);
  const q = useQuery(() => get<PracticeView>(`/practices/${encodeURIComponent(id)}`), [id, lang]);
  const p = q.data;
  const role = s.claims.role;
  const contributor = p && (role === 'state' ? p.contributor.organisation === null && p.contributor.country === s.claims.country : s.claims.organisation !== undefined && p.contributor.organisation === s.claims.organisation);
  const mayEdit = p && p.status !== 'withdrawn' && (role === 'secretariat' || contributor);
  const title = p ? localized(p.title as Record<string, string>) : null;
  const summary = p ? localized(p.summary as Record<string, string>) : null;
  return (
    <div data-ready={p ? 'true' : 'false'}>
      {q.error && <ProblemNote problem={q.error} />}
      {!p && !q.error && <Loading />}
      {p && title && summary && (
        <>
          <h1>
            <bdi lang={title.lang} dir="auto">
              {title.text}
            </bdi>
          </h1>
          <p>
            {t(`practiceKind.${p.kind}`)} · <Badge kind="practiceStatus" code={p.status} />
          </p>
          {!p.originalLanguages.includes(title.lang) && <p class="hint">{t('practice.translated', { from: p.originalLanguages.map(fmt.languageName).join(', ') })}</p>}
          <p lang={summary.lang} dir="auto" class="pre-line" data-testid="practice-summary">
            {summary.text}
          </p>
          <dl class="facts">
            <dt>{t('practices.theme')}</dt>
            <dd>{p.themes.map((x) => t(`practiceTheme.${x}`)).join('; ') || '—'}</dd>
            <dt>{t('field.articles')}</dt>
            <dd>{p.articles.map(articleLabel).join('; ')}</dd>
            <dt>{t('practice.countries')}</dt>
            <dd>{p.countries.map(countryLabel).join(', ') || '—'}</dd>
            <dt>{t('practice.languages')}</dt>
            <dd>{Object.keys(p.title).map(fmt.languageName).join(', ')}</dd>
            <dt>{t('practice.submittedAt')}</dt>
            <dd>{fmt.date(p.submittedAt)}</dd>
            {p.publishedAt && (
              <>
                <dt>{t('practice.publishedAt')}</dt>
                <dd>{fmt.date(p.publishedAt)}</dd>
              </>
            )}
            {p.engagementIds.length > 0 && (
              <>
                <dt>{t('practice.engagements')}</dt>
                <dd>
                  {p.engagementIds.map((e, i) => (
                    <span key={e}>
                      {i > 0 && ', '}
                      <Link href={`/engagements/${e}`}>{t('practice.engagement', { n: i + 1 })}</Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <Section id="practice-documents" title={t('practice.documents')}>
            {p.documents.length === 0 ? (
              <p>{t('practice.noDocuments')}</p>
            ) : (
              <ul data-testid="practice-documents">
                {p.documents.map((d) => (
                  <li key={d.sha256}>
                    <button type="button" class="link" onClick={() => void downloadDocument(d.href, d.fileName)}>
                      <bdi dir="auto">{d.fileName}</bdi>
                    </button>{' '}
                    <span class="hint">
                      ({fmt.number(Math.ceil(d.size / 1024))} KB{d.language ? ` · ${fmt.languageName(d.language)}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {mayEdit && <UploadForm id={p.id} />}
          </Section>
          {mayEdit && (
            <Section id="practice-actions" title={t('entry.actions')}>
              {role === 'secretariat' && p.status === 'submitted' && <CommandButton id="practice-review" label={t('practice.review')} path={`/practices/${p.id}/review`} variant="secondary" />}
              {role === 'secretariat' && p.status !== 'published' && <CommandButton id="practice-publish" label={t('practice.publish')} path={`/practices/${p.id}/publish`} />}
              <TranslateForm practice={p} />
              <TextCommand id="practice-withdraw" title={t('practice.withdraw')} label={t('practice.withdrawReason')} button={t('practice.withdraw')} path={`/practices/${p.id}/withdraw`} field="reason" variant="danger" />
            </Section>
          )}
        </>
      )}
    </div>
  );
}

function UploadForm({ id }: { id: string }) {
  const form = useCommandForm();
  const [file, setFile] = useState<File | null>(null);
  const [lang, setLang] = useState<string>(language.get());
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="practice-upload-h"
      onSubmit={form.submit(async () => {
        if (!file) return;
        await uploadDocument(id, file, lang);
        setFile(null);
        refresh();
      })}
    >
      <h3 id="practice-upload-h">{t('practice.upload')}</h3>
      <p class="hint">{t('practice.uploadHint')}</p>
      <ErrorSummary form={form} fieldIds={{ '/body': 'practice-file' }} />
      <Field form={form} id="practice-file" path="/body" label={t('practice.file')}>
        {(a) => <input {...a} type="file" accept=".pdf,.docx,.odt,.xlsx,.ods,.pptx,.png,.jpg,.jpeg,.webp" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />}
      </Field>
      <Field form={form} id="practice-file-lang" path="/language" label={t('practice.fileLanguage')}>
        {(a) => (
          <select {...a} value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
            {UN_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {fmt.languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button busy={form.busy} variant="secondary" disabled={!file}>
        {t('practice.uploadButton')}
      </Button>
    </form>
  );
}

function TranslateForm({ practice }: { practice: PracticeView }) {
  const form = useCommandForm();
  const others = UN_LANGUAGES.filter((l) => !practice.originalLanguages.includes(l));
  const [v, setV] = useState<{ language: string; title: string; summary: string }>({ language: others.includes(language.get() as never) ? language.get() : (others[0] ?? 'en'), title: '', summary: '' });
  if (others.length === 0) return null;
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="practice-translate-h"
      onSubmit={form.submit(async () => {
        await post(`/practices/${practice.id}/translations`, v);
        setV({ ...v, title: '', summary: '' });
        refresh();
      })}
    >
      <h3 id="practice-translate-h">{t('practice.translate')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/language': 'tr-language', '/title': 'tr-title', '/summary': 'tr-summary' }} />
      <Field form={form} id="tr-language" path="/language" label={t('practice.translationLanguage')}>
        {(a) => (
          <select {...a} value={v.language} onChange={(e) => setV({ ...v, language: (e.currentTarget as HTMLSelectElement).value })}>
            {others.map((l) => (
              <option key={l} value={l}>
                {fmt.languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} id="tr-title" path="/title" label={t('field.title')}>
        {(a) => <input {...a} type="text" lang={v.language} dir="auto" value={v.title} onInput={(e) => setV({ ...v, title: (e.currentTarget as HTMLInputElement).value })} />}
      </Field>
      <Field form={form} id="tr-summary" path="/summary" label={t('practice.summary')}>
        {(a) => <textarea {...a} rows={4} lang={v.language} dir="auto" value={v.summary} onInput={(e) => setV({ ...v, summary: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <Button busy={form.busy} variant="secondary">
        {t('practice.translateButton')}
      </Button>
    </form>
  );
}
