import { EngagementsTable } from '../components/engagement-tables';
import { RequestsTable } from '../components/request-tables';
import { Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { EngagementPage, RequestPage } from '../lib/api-types';
import { session } from '../lib/auth';
import { t } from '../lib/i18n';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

/** What the signed-in actor has to act on. */
export function WorkPage() {
  const s = useStore(session)!;
  const { role, country, organisation } = s.claims;
  const q = useQuery(async () => {
    if (role === 'secretariat') {
      const [toTriage, open, proposed] = await Promise.all([
        get<RequestPage>('/requests', { status: 'submitted', limit: 100 }),
        get<RequestPage>('/requests', { status: 'open_for_offers', limit: 100 }),
        get<EngagementPage>('/engagements', { limit: 100 }),
      ]);
      return { requestsA: toTriage.items, requestsB: open.items, engagements: proposed.items };
    }
    if (role === 'state') {
      const [mine, engagements] = await Promise.all([
        get<RequestPage>('/requests', { country, limit: 100 }),
        get<EngagementPage>('/engagements', { country, limit: 100 }),
      ]);
      return { requestsA: mine.items, requestsB: null, engagements: engagements.items };
    }
    const engagements = await get<EngagementPage>('/engagements', { donor: organisation ?? s.claims.sub, limit: 100 });
    return { requestsA: null, requestsB: null, engagements: engagements.items };
  }, [role, country, organisation]);
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('work.title')}</h1>
      {role === 'state' && (
        <p>
          <Link class="btn btn-primary" href="/requests/new">
            {t('nav.newRequest')}
          </Link>
        </p>
      )}
      {(role === 'donor' || role === 'authority') && (
        <p>
          <Link class="btn btn-primary" href="/offers/new">
            {t('nav.newOffer')}
          </Link>
        </p>
      )}
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data?.requestsA && (
        <Section id="work-a" title={role === 'secretariat' ? t('work.toTriage') : t('work.myRequests')}>
          <RequestsTable items={q.data.requestsA} caption={role === 'secretariat' ? t('work.toTriage') : t('work.myRequests')} />
        </Section>
      )}
      {q.data?.requestsB && (
        <Section id="work-b" title={t('work.toMatch')}>
          <RequestsTable items={q.data.requestsB} caption={t('work.toMatch')} />
        </Section>
      )}
      {q.data && (
        <Section id="work-engagements" title={t('work.engagements')}>
          <EngagementsTable items={q.data.engagements} caption={t('work.engagements')} />
        </Section>
      )}
    </div>
  );
}
