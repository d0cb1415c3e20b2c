import { useProviderNames } from '../lib/providers';
import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { DataTable, type Column } from '../components/data-table';
import { Button, ErrorSummary, Field, Loading, ProblemNote, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { OfferPage, OfferView, RequestDetail } from '../lib/api-types';
import { formatAmount, parseAmount } from '../lib/amounts';
import { fmt, language, minorDigits, quantity, t } from '../lib/i18n';
import { articleShort, countryLabel, textOf } from '../lib/labels';
import { rankOffers, recordedReasons, type Candidate, type Reason } from '../lib/match';
import { Link, navigate } from '../lib/router';
import { reasonText } from '../components/match-reasons';

const reasonColumns = (): Column<Reason>[] => [
  { key: 'criterion', header: t('match.criterion'), rowHeader: true, cell: (x) => t(`criterion.${x.key}`) },
  { key: 'weight', header: t('match.weight'), numeric: true, cell: (x) => fmt.number(x.weight * 100) },
  { key: 'found', header: t('match.found'), cell: reasonText },
];

/** The offer's remaining capacity, pre-filled as the reader writes amounts. */
const remainingAsTyped = (o: OfferView) =>
  o.capacityKind === 'money' && o.currency ? formatAmount((o.remaining / 10 ** minorDigits(o.currency)).toFixed(minorDigits(o.currency)), language.get(), minorDigits(o.currency)) : String(o.remaining);

function Propose({ requestId, c }: { requestId: string; c: Candidate }) {
  const form = useCommandForm();
  const [amount, setAmount] = useState(remainingAsTyped(c.offer));
  const id = `amount-${c.offer.offerId}`;
  return (
    <form
      class="propose"
      noValidate
      onSubmit={form.submit(async () => {
        const r = await post('/engagements', { requestId, offerId: c.offer.offerId, amount: parseAmount(amount, language.get()), score: c.score, reasons: recordedReasons(c) });
        refresh();
        navigate(`/engagements/${r.id}`);
      })}
    >
      <ErrorSummary form={form} fieldIds={{ '/amount': id }} />
      <Field form={form} id={id} path="/amount" label={c.offer.capacityKind === 'money' ? t('match.amountMoney', { currency: c.offer.currency ?? '' }) : t('match.amountDays')}>
        {(a) => <input {...a} type="text" inputMode="decimal" dir="ltr" value={amount} onInput={(e) => setAmount((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Button busy={form.busy} disabled={!c.eligible || form.busy}>
        {t('match.propose')}
      </Button>
    </form>
  );
}

export function MatchPage({ id }: { id: string }) {
  const providerName = useProviderNames();
  const q = useQuery(async () => {
    const r = await get<RequestDetail>(`/requests/${encodeURIComponent(id)}`);
    const [all, eligible] = await Promise.all([
      get<OfferPage>('/offers', { status: 'open', withCapacity: true, limit: 200 }),
      get<OfferPage>('/offers', { status: 'open', withCapacity: true, country: r.country, limit: 200 }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    return { r, candidates: rankOffers(r, all.items, new Set(eligible.items.map((o) => o.offerId)), today) };
  }, [id]);
  const title = textOf(q.data?.r.title);
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('match.title')}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <>
          <p>
            <Link href={`/requests/${id}`} lang={title.lang}>
              {title.text}
            </Link>{' '}
            · {countryLabel(q.data.r.country)} · {q.data.r.articles.map(articleShort).join(', ')}
          </p>
          <p class="hint">{t('match.explain')}</p>
          <Section id="candidates" title={t('match.candidates')}>
            {q.data.candidates.length === 0 && <p class="empty">{t('match.none')}</p>}
            <ol class="candidates">
              {q.data.candidates.map((c, i) => {
                const ot = textOf(c.offer.title);
                return (
                  <li key={c.offer.offerId} class={`candidate${c.eligible ? '' : ' ineligible'}`} data-offer-id={c.offer.offerId} aria-labelledby={`cand-${i}`}>
                    <h3 id={`cand-${i}`}>
                      <span class="rank">{fmt.number(i + 1)}.</span> <span lang={ot.lang}>{ot.text}</span> · {providerName(c.offer.providerId)}{' '}
                      <span class="score" data-score={c.score}>
                        {t('match.score', { score: fmt.number(c.score * 100) })}
                      </span>
                    </h3>
                    <p>
                      {t('col.remaining')}: {quantity(c.offer.remaining, c.offer.capacityKind, c.offer.currency)}
                    </p>
                    <DataTable caption={t('match.reasons')} columns={reasonColumns()} rows={c.reasons} rowKey={(x) => x.key} rowProps={(x) => (x.met === 0 ? { class: 'row-warn' } : {})} class="reasons" />
                    <Propose requestId={id} c={c} />
                  </li>
                );
              })}
            </ol>
          </Section>
        </>
      )}
    </div>
  );
}
