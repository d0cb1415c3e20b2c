import { CaseText, TranslateForm } from '../components/case-texts';
import { EngagementsTable } from '../components/engagement-tables';
import { Badge, Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { OfferDetail, TextView } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, quantity, t, tMaybe, useLanguage } from '../lib/i18n';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

const offerTextLabel = (path: string) => tMaybe(`textPath.${path}`) ?? path;

/** An offer (a donor's public pledge): what it offers, its texts in the reader's language, the engagements on it the reader may see. */
export function OfferPage({ id }: { id: string }) {
  const lang = useLanguage();
  const claims = useStore(session)?.claims;
  const q = useQuery(() => get<OfferDetail>(`/offers/${encodeURIComponent(id)}`, { lang }), [id, lang]);
  const o = q.data;
  const texts = (o?.texts ?? {}) as Record<string, TextView>;
  const mayTranslate = claims?.role === 'secretariat' || ((claims?.role === 'donor' || claims?.role === 'authority') && claims.organisation === o?.providerId);
  return (
    <div data-ready={o ? 'true' : 'false'}>
      {!o && <h1>{t('col.offer')}</h1>}
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
              <Link href={`/donors/${encodeURIComponent(o.providerId)}`}>{o.providerId}</Link>
            </dd>
            <dt>{t('col.capacity')}</dt>
            <dd>{quantity(o.capacity, o.capacityKind, o.currency)}</dd>
            <dt>{t('col.remaining')}</dt>
            <dd>{quantity(o.remaining, o.capacityKind, o.currency)}</dd>
            <dt>{t('col.window')}</dt>
            <dd>
              {fmt.date(o.availableFrom)} – {fmt.date(o.availableTo)}
            </dd>
            <dt>{t('field.languages')}</dt>
            <dd>{o.languages.map(fmt.languageName).join(', ')}</dd>
          </dl>
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
