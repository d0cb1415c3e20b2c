import { useState } from 'preact/hooks';
import { get } from '../lib/api';
import type { CaseDocumentList, RequestDetail } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, t } from '../lib/i18n';
import { downloadDocument, uploadFile } from '../lib/practices';
import { useStore } from '../lib/store';
import { refresh } from './actions';
import { Button, ErrorSummary, Field, ProblemNote, Section, useCommandForm, useQuery } from './ui';

/** Engagement statuses in which a provider is a party to the case (it may attach documents). */
const ENGAGED = ['proposed', 'agreed', 'active', 'completed', 'acknowledged'];

/**
 * The case's documents (terms of reference, reports, laws): the request's and its engagements',
 * downloaded with the reader's token; the case's parties (the Secretariat, the requesting State,
 * an engaged provider) attach more. The API decides; the form is only offered to the parties.
 */
export function CaseDocuments({ r }: { r: RequestDetail }) {
  const claims = useStore(session)?.claims;
  const q = useQuery(() => get<CaseDocumentList>(`/requests/${encodeURIComponent(r.requestId)}/documents`), [r.requestId]);
  const engagementNo = new Map(r.engagements.map((e, i) => [e.engagementId, i + 1] as const));
  const party =
    claims?.role === 'secretariat' ||
    (claims?.role === 'state' && claims.country === r.country) ||
    ((claims?.role === 'donor' || claims?.role === 'authority') && r.engagements.some((e) => e.providerId === claims.organisation && ENGAGED.includes(e.status)));
  return (
    <Section id="case-documents" title={t('practice.documents')}>
      {q.error && <ProblemNote problem={q.error} />}
      {q.data && q.data.items.length === 0 && <p>{t('practice.noDocuments')}</p>}
      {q.data && q.data.items.length > 0 && (
        <ul data-testid="case-documents">
          {q.data.items.map((d) => (
            <li key={`${d.sha256}:${d.engagementId ?? ''}`}>
              <button type="button" class="link" onClick={() => void downloadDocument(d.href, d.fileName)}>
                <bdi dir="auto">{d.title ?? d.fileName}</bdi>
              </button>{' '}
              <span class="hint">
                ({d.title ? (
                  <>
                    <bdi dir="auto">{d.fileName}</bdi>,{' '}
                  </>
                ) : null}
                {fmt.number(Math.ceil(d.size / 1024))} KB
                {d.engagementId ? ` · ${t('practice.engagement', { n: engagementNo.get(d.engagementId) ?? 0 })}` : ''} · {fmt.date(d.attachedAt)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {party && <UploadForm r={r} />}
    </Section>
  );
}

function UploadForm({ r }: { r: RequestDetail }) {
  const form = useCommandForm();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [engagement, setEngagement] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="case-upload-h"
      onSubmit={form.submit(async () => {
        if (!file) return;
        await uploadFile(`/requests/${encodeURIComponent(r.requestId)}/documents`, file, { ...(title.trim() ? { title: title.trim() } : {}), ...(engagement ? { engagementId: engagement } : {}) });
        setFile(null);
        setTitle('');
        refresh();
      })}
    >
      <h3 id="case-upload-h">{t('practice.upload')}</h3>
      <p class="hint">{t('practice.uploadHint')}</p>
      <ErrorSummary form={form} fieldIds={{ '/body': 'case-file', '/query/title': 'case-file-title', '/query/engagementId': 'case-file-engagement' }} />
      <Field form={form} id="case-file" path="/body" label={t('practice.file')}>
        {(a) => <input {...a} type="file" accept=".pdf,.docx,.odt,.xlsx,.ods,.pptx,.png,.jpg,.jpeg,.webp" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />}
      </Field>
      <Field form={form} id="case-file-title" path="/query/title" label={t('caseDocs.docTitle')}>
        {(a) => <input {...a} type="text" maxLength={300} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      {r.engagements.length > 0 && (
        <Field form={form} id="case-file-engagement" path="/query/engagementId" label={t('caseDocs.belongsTo')}>
          {(a) => (
            <select {...a} value={engagement} onChange={(e) => setEngagement((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('caseDocs.theRequest')}</option>
              {r.engagements.map((e, i) => (
                <option key={e.engagementId} value={e.engagementId}>
                  {t('practice.engagement', { n: i + 1 })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Button busy={form.busy} variant="secondary" disabled={!file}>
        {t('practice.uploadButton')}
      </Button>
    </form>
  );
}
