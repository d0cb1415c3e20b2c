import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { EngagementsTable } from '../components/engagement-tables';
import { Badge, Button, ErrorSummary, Field, Loading, ProblemNote, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { OfferDetail } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, quantity, t } from '../lib/i18n';
import { textOf } from '../lib/labels';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

/** The day after the window's last day: when the offer expires on its own (the API's scheduler). */
function expiryDate(availableTo: string): string {
  return new Date(Date.parse(`${availableTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function ExtendOffer({ o }: { o: OfferDetail }) {
  const form = useCommandForm();
  const [to, setTo] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="extend-h"
      onSubmit={form.submit(async () => {
        await post(`/offers/${o.offerId}/extend`, { to });
        setTo('');
        refresh();
      })}
    >
      <h3 id="extend-h">{t('offer.extendTitle')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/to': 'extend-to' }} />
      <Field form={form} id="extend-to" path="/to" label={t('offer.newEnd')}>
        {(a) => <input {...a} type="date" min={o.availableTo} value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Button busy={form.busy}>{t('offer.extend')}</Button>
    </form>
  );
}

/** An offer: what it pledges, what is left, its window and when it expires; its provider extends it here. */
export function OfferPage({ id }: { id: string }) {
  const claims = useStore(session)?.claims;
  const q = useQuery(() => get<OfferDetail>(`/offers/${encodeURIComponent(id)}`), [id]);
  const o = q.data;
  const today = new Date().toISOString().slice(0, 10);
  const own = (claims?.role === 'donor' || claims?.role === 'authority') && claims.organisation === o?.providerId;
  const title = o ? textOf(o.title) : null;
  return (
    <div data-ready={o ? 'true' : 'false'}>
      <h1>{t('offer.title')}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!o && !q.error && <Loading />}
      {o && title && (
        <>
          <h2 lang={title.lang}>{title.text}</h2>
          <p class="status-line">
            <Badge kind="offerStatus" code={o.status} />
          </p>
          <dl class="facts">
            <dt>{t('col.provider')}</dt>
            <dd>
              <Link href={`/donors/${encodeURIComponent(o.providerId)}`}>{o.providerId}</Link>
            </dd>
            <dt>{t('col.capacity')}</dt>
            <dd>{quantity(o.capacity, o.capacityKind, o.currency)}</dd>
            <dt>{t('col.remaining')}</dt>
            <dd>{quantity(o.remaining, o.capacityKind, o.currency)}</dd>
            <dt>{t('col.window')}</dt>
            <dd data-testid="offer-window">
              {fmt.date(o.availableFrom)} – {fmt.date(o.availableTo)}
            </dd>
            {o.status === 'open' && (
              <>
                <dt>{t('offer.expiresOn')}</dt>
                <dd data-testid="offer-expires" data-date={expiryDate(o.availableTo)}>
                  {fmt.date(expiryDate(o.availableTo))}
                </dd>
              </>
            )}
          </dl>
          {o.status === 'open' && <p class="hint">{t('offer.expiresNote')}</p>}
          {own && o.status === 'open' && today <= o.availableTo && <ExtendOffer o={o} />}
          <Section id="offer-engagements" title={t('donor.engagements')}>
            <EngagementsTable items={o.engagements} caption={t('donor.engagements')} />
          </Section>
        </>
      )}
    </div>
  );
}
