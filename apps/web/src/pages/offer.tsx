import { useState } from 'preact/hooks';
import { refresh, TextCommand } from '../components/actions';
import { CaseText, TranslateForm } from '../components/case-texts';
import { EngagementsTable } from '../components/engagement-tables';
import { Badge, Button, ErrorSummary, Field, Loading, ProblemNote, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { OfferDetail, TextView } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, quantity, t, tMaybe, useLanguage } from '../lib/i18n';
import { useProviderNames } from '../lib/providers';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

const offerTextLabel = (path: string) => tMaybe(`textPath.${path}`) ?? path;

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

/**
 * An offer (a donor's public pledge): what it offers and what is left, its texts in the reader's
 * language, its window and when it expires (its provider extends it here), the engagements on it
 * the reader may see.
 */
export function OfferPage({ id }: { id: string }) {
  const lang = useLanguage();
  const claims = useStore(session)?.claims;
  const q = useQuery(() => get<OfferDetail>(`/offers/${encodeURIComponent(id)}`, { lang }), [id, lang]);
  const o = q.data;
  const texts = (o?.texts ?? {}) as Record<string, TextView>;
  const today = new Date().toISOString().slice(0, 10);
  const providerName = useProviderNames();
  const own = (claims?.role === 'donor' || claims?.role === 'authority') && claims.organisation === o?.providerId;
  const mayTranslate = claims?.role === 'secretariat' || own;
  return (
    <div data-ready={o ? 'true' : 'false'}>
      {!o && <h1>{t('offer.title')}</h1>}
      {q.error && <ProblemNote problem={q.error} />}
      {!o && !q.error && <Loading />}
      {o && (
        <>
          <h1>
            <CaseText view={texts['title']} testId="text-title" />
          </h1>
          <p class="status-line">
            <Badge kind="offerStatus" code={o.status} />
          </p>
          <dl class="facts">
            <dt>{t('col.provider')}</dt>
            <dd>
              <Link href={`/donors/${encodeURIComponent(o.providerId)}`}>{providerName(o.providerId)}</Link>
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
            <dt>{t('field.languages')}</dt>
            <dd>{o.languages.map(fmt.languageName).join(', ')}</dd>
            <dt>{t('field.modality')}</dt>
            <dd>{tMaybe(`modality.${o.modality}`) ?? o.modality}</dd>
            <dt>{t('field.articles')}</dt>
            <dd data-testid="offer-articles">{o.articles.map(articleLabel).join(', ')}</dd>
            <dt>{t('field.taTypes')}</dt>
            <dd data-testid="offer-tatypes">{o.taTypes.map(taTypeLabel).join(', ')}</dd>
            {o.eligibleCountries.length > 0 && (
              <>
                <dt>{t('field.eligibleCountries')}</dt>
                <dd data-testid="offer-countries">
                  <ul class="inline-list">
                    {o.eligibleCountries.map((c) => (
                      <li key={c}>
                        <Link href={`/countries/${c}`}>
                          <bdi>{countryLabel(c)}</bdi>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {o.eligibleRegions.length > 0 && (
              <>
                <dt>{t('field.eligibleRegions')}</dt>
                <dd data-testid="offer-regions">
                  <bdi>{o.eligibleRegions.map(regionLabel).join(', ')}</bdi>
                </dd>
              </>
            )}
          </dl>
          {o.status === 'open' && <p class="hint">{t('offer.expiresNote')}</p>}
          {own && o.status === 'open' && today <= o.availableTo && <ExtendOffer o={o} />}
          {own && o.status === 'open' && (
            <TextCommand id="withdraw-offer" title={t('offer.withdrawTitle')} label={t('field.reason')} button={t('offer.withdraw')} path={`/offers/${o.offerId}/withdraw`} field="reason" variant="danger" />
          )}
          <Section id="offer-texts" title={t('texts.heading')}>
            <h3>{t('field.description')}</h3>
            <CaseText view={texts['description']} block testId="text-description" />
            {texts['withdrawalReason'] && (
              <>
                <h3>{t('textPath.withdrawalReason')}</h3>
                <CaseText view={texts['withdrawalReason']} block testId="text-withdrawalReason" />
              </>
            )}
            {mayTranslate && <TranslateForm base={`/offers/${o.offerId}`} texts={texts} labelOf={offerTextLabel} />}
          </Section>
          <Section id="offer-engagements" title={t('case.engagements')}>
            <EngagementsTable items={o.engagements} caption={t('case.engagements')} />
          </Section>
        </>
      )}
    </div>
  );
}
