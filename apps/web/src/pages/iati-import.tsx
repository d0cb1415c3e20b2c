import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { DataTable, type Column } from '../components/data-table';
import { Button, ErrorSummary, Field, useCommandForm } from '../components/ui';
import { upload } from '../lib/api';
import type { IatiImportPreview, IatiImportResult } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, localized, minorDigits, t } from '../lib/i18n';
import { articleLabel } from '../lib/labels';
import { useStore } from '../lib/store';

type Entry = IatiImportPreview['activities'][number];

function Title({ e }: { e: Entry }) {
  const own = e.offer?.title ?? e.reported?.title;
  const title = own ? localized(own as Record<string, string>) : { text: e.summary?.title ?? '', lang: undefined };
  return (
    <bdi dir="auto" lang={title.lang}>
      {title.text}
    </bdi>
  );
}

function recipients(e: Entry): string {
  if (e.reported) return e.reported.recipientCountries.map((c) => fmt.country(c)).join(', ');
  const s = e.offer ?? { eligibleCountries: e.summary?.countries ?? [], eligibleRegions: e.summary?.regions ?? [] };
  return [...(s.eligibleCountries ?? []).map((c) => fmt.country(c)), ...(s.eligibleRegions ?? [])].join(', ');
}

const identifier = (): Column<Entry> => ({
  key: 'id',
  header: t('iatiImport.col.identifier'),
  rowHeader: true,
  cell: (e) => (
    <code dir="ltr" lang="en">
      {e.identifier}
    </code>
  ),
});

/** The activities that give an offer (to create, update, or left as they are). */
const offerColumns = (): readonly Column<Entry>[] => [
  identifier(),
  { key: 'title', header: t('col.offer'), cell: (e) => <Title e={e} /> },
  { key: 'action', header: t('iatiImport.col.action'), cell: (e) => t(`iatiImport.action.${e.action}`) },
  { key: 'recipients', header: t('iatiImport.col.recipients'), cell: recipients },
  {
    key: 'amount',
    header: t('col.amount'),
    numeric: true,
    cell: (e) => (e.offer?.amount && e.offer.currency ? fmt.money(Math.round(Number(e.offer.amount) * 10 ** minorDigits(e.offer.currency)), e.offer.currency) : ''),
  },
  { key: 'window', header: t('col.window'), cell: (e) => (e.offer?.availability ? `${fmt.date(e.offer.availability.from)} – ${fmt.date(e.offer.availability.to)}` : '') },
  { key: 'articles', header: t('col.articles'), cell: (e) => (e.offer?.articles ?? []).map((a) => articleLabel(a)).join('; ') },
  {
    key: 'notes',
    header: t('iatiImport.col.notes'),
    cell: (e) => (
      <span lang="en">{[...(e.notApplied ?? []).map((n) => `${t('iatiImport.notApplied')}: ${n}`), ...(e.notes ?? [])].join('; ')}</span>
    ),
  },
];

const money = (amount: string | null | undefined, currency: string | null | undefined) =>
  amount && currency ? fmt.money(Math.round(Number(amount) * 10 ** minorDigits(currency)), currency) : '';

/** The activities the provider reports as delivered or under way: reported activities, not offers. */
const reportedColumns = (): readonly Column<Entry>[] => [
  identifier(),
  { key: 'title', header: t('iatiImport.col.activity'), cell: (e) => <Title e={e} /> },
  { key: 'action', header: t('iatiImport.col.action'), cell: (e) => t(`iatiImport.action.${e.action === 'unchanged' ? 'unchanged' : e.action}`) },
  { key: 'recipients', header: t('iatiImport.col.recipients'), cell: recipients },
  { key: 'status', header: t('col.status'), cell: (e) => (e.reported ? t(`reported.status.${e.reported.activityStatus}`) : '') },
  { key: 'commitment', header: t('reported.col.commitment'), numeric: true, cell: (e) => money(e.reported?.commitment, e.reported?.currency) },
  { key: 'disbursed', header: t('reported.col.disbursed'), numeric: true, cell: (e) => money(e.reported?.disbursed, e.reported?.currency) },
  { key: 'changes', header: t('iatiImport.col.notes'), cell: (e) => <span lang="en">{(e.changes ?? []).join('; ')}</span> },
];

const skipColumns = (): readonly Column<Entry>[] => [
  identifier(),
  { key: 'title', header: t('iatiImport.col.activity'), cell: (e) => <Title e={e} /> },
  { key: 'reason', header: t('col.reason'), cell: (e) => t(`iatiImport.reason.${e.reason ?? 'invalid'}`) },
  {
    key: 'detail',
    header: t('iatiImport.col.detail'),
    cell: (e) => (
      <span lang="en">
        {e.detail}
        {e.element ? (
          <>
            {' '}
            <code dir="ltr">{e.element}</code>
          </>
        ) : null}
      </span>
    ),
  },
];

/**
 * A provider's IATI activity file (docs/iati.md, "Import"): upload, preview (nothing recorded:
 * what concerns preventing corruption, the offers it would create or update, why each other
 * activity is skipped), then confirm. The Secretariat previews a provider's file by naming it.
 */
export function IatiImportPage() {
  const s = useStore(session)!;
  const secretariat = s.claims.role === 'secretariat';
  const [file, setFile] = useState<File | null>(null);
  const [provider, setProvider] = useState('');
  const [preview, setPreview] = useState<IatiImportPreview | null>(null);
  const [result, setResult] = useState<IatiImportResult | null>(null);
  const form = useCommandForm();
  const confirm = useCommandForm();
  const params = secretariat ? { provider: provider.trim() } : {};
  const changes = preview ? preview.counts.create + preview.counts.update + preview.counts.record + preview.counts.update_record : 0;
  const offers = preview?.activities.filter((a) => a.action !== 'skip' && a.target === 'offer') ?? [];
  const reported = preview?.activities.filter((a) => a.target === 'reported') ?? [];
  const skipped = preview?.activities.filter((a) => a.action === 'skip') ?? [];
  return (
    <div>
      <h1>{t('iatiImport.title')}</h1>
      <p class="hint">{t('iatiImport.intro')}</p>
      <form
        noValidate
        class="narrow"
        onSubmit={form.submit(async () => {
          setPreview(null);
          setResult(null);
          if (!file) return;
          setPreview(await upload<IatiImportPreview>('/iati/imports/preview', file, params));
        })}
      >
        <ErrorSummary form={form} />
        {secretariat && (
          <Field form={form} id="iati-provider" path="provider" label={t('iatiImport.provider')} hint={t('iatiImport.providerHint')}>
            {(a) => <input {...a} type="text" dir="ltr" value={provider} onInput={(e) => setProvider((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
        )}
        <Field form={form} id="iati-file" path="file" label={t('iatiImport.file')} hint={t('iatiImport.fileHint')}>
          {(a) => (
            <input
              {...a}
              type="file"
              accept=".xml,application/xml,text/xml"
              onChange={(e) => {
                setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
                setPreview(null);
                setResult(null);
              }}
            />
          )}
        </Field>
        <Button type="submit" busy={form.busy} disabled={!file}>
          {t('iatiImport.preview')}
        </Button>
      </form>

      {preview && (
        <section aria-labelledby="iati-preview-title" data-testid="iati-preview">
          <h2 id="iati-preview-title">{t('iatiImport.previewTitle')}</h2>
          <p role="status">
            {t('iatiImport.summary', {
              activities: preview.counts.activities,
              version: preview.version,
              create: preview.counts.create,
              update: preview.counts.update,
              unchanged: preview.counts.unchanged,
              notApplied: preview.counts.not_applied,
              record: preview.counts.record,
              updateRecord: preview.counts.update_record,
              skip: preview.counts.skip,
            })}
          </p>
          {Object.keys(preview.skipped).length > 0 && (
            <ul>
              {Object.entries(preview.skipped).map(([reason, n]) => (
                <li key={reason}>
                  {t(`iatiImport.reason.${reason}`)}: {fmt.number(n)}
                </li>
              ))}
            </ul>
          )}
          {!result &&
            (changes > 0 ? (
              <form
                onSubmit={confirm.submit(async () => {
                  if (!file) return;
                  setResult(await upload<IatiImportResult>('/iati/imports', file, params));
                  refresh();
                })}
              >
                <ErrorSummary form={confirm} />
                {secretariat && <p class="hint">{t('iatiImport.secretariatConfirm')}</p>}
                <Button type="submit" variant="primary" busy={confirm.busy}>
                  {t('iatiImport.confirm', { n: changes })}
                </Button>
              </form>
            ) : (
              <p class="hint">{t('iatiImport.nothing')}</p>
            ))}
          {result && (
            <p role="status" data-testid="iati-result">
              {t('iatiImport.done', {
                created: result.applied.filter((a) => a.outcome === 'created').length,
                recorded: result.applied.filter((a) => a.outcome === 'recorded').length,
                updated: result.applied.filter((a) => a.outcome === 'updated').length,
                failed: result.applied.filter((a) => a.outcome === 'failed').length,
              })}
            </p>
          )}
          <h3>{t('iatiImport.offers')}</h3>
          <DataTable caption={t('iatiImport.offers')} columns={offerColumns()} rows={offers} rowKey={(e) => e.identifier} empty={t('iatiImport.none')} />
          <h3>{t('iatiImport.reportedTitle')}</h3>
          <p class="hint">{t('iatiImport.reportedHint')}</p>
          <DataTable caption={t('iatiImport.reportedTitle')} columns={reportedColumns()} rows={reported} rowKey={(e) => e.identifier} empty={t('iatiImport.none')} />
          <h3>{t('iatiImport.skippedTitle')}</h3>
          <DataTable caption={t('iatiImport.skippedTitle')} columns={skipColumns()} rows={skipped} rowKey={(e) => `${e.position}`} empty={t('iatiImport.none')} />
        </section>
      )}
    </div>
  );
}
