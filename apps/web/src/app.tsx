import { useEffect, useRef } from 'preact/hooks';
import { WorkLink } from './components/work-link';
import { session, signOut } from './lib/auth';
import { LANGUAGES, setLanguage, t, useLanguage, type Lang } from './lib/i18n';
import { liveStatus } from './lib/live';
import { Link, match, navigate, useRoute } from './lib/router';
import { useStore } from './lib/store';
import { CasePage } from './pages/case';
import { CountryPage } from './pages/country';
import { DirectoryPage } from './pages/directory';
import { DirectoryEntryPage } from './pages/directory-entry';
import { DonorPage } from './pages/donor';
import { EngagementPage } from './pages/engagement';
import { EngagementsListPage } from './pages/engagements';
import { MatchPage } from './pages/match';
import { ChangeAuthorityPage, NewAuthorityPage } from './pages/new-authority';
import { PublicDirectoryPage } from './pages/public-directory';
import { IatiImportPage } from './pages/iati-import';
import { ReportedActivitiesPage } from './pages/reported-activities';
import { NewOfferPage } from './pages/new-offer';
import { NotificationsPage, UnsubscribePage } from './pages/notifications';
import { OfferPage } from './pages/offer';
import { OffersListPage } from './pages/offers';
import { NewRequestPage } from './pages/new-request';
import { RequestsListPage } from './pages/requests';
import { OverviewPage } from './pages/overview';
import { NewPracticePage } from './pages/new-practice';
import { PracticePage } from './pages/practice';
import { PracticesPage } from './pages/practices';
import { PublicPage } from './pages/public';
import { ReportPage } from './pages/report';
import { SearchBox, SearchPage } from './pages/search';
import { SignInPage } from './pages/sign-in';
import { WorkPage } from './pages/work';

const NATIVE: Record<Lang, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };

function LanguageSwitch() {
  const lang = useLanguage();
  return (
    <div class="lang-switch">
      <label for="lang">{t('nav.language')}</label>
      <select id="lang" value={lang} onChange={(e) => void setLanguage((e.currentTarget as HTMLSelectElement).value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function LiveIndicator() {
  const status = useStore(liveStatus);
  return (
    <span class={`live live-${status}`} data-live={status}>
      <span aria-hidden="true">●</span> {t(`live.${status}`)}
    </span>
  );
}

function Page() {
  const { path } = useRoute();
  const s = useStore(session);
  // The public view of open needs: no sign-in (the API says whether the deployment publishes it).
  if (match('/public', path)) return <PublicPage />;
  // Readable without signing in (where the deployment turns the public view on).
  if (match('/public/directory', path)) return <PublicDirectoryPage />;
  // The link in a notification e-mail: no sign-in.
  if (match('/notifications/unsubscribe', path)) return <UnsubscribePage />;
  if (!s || match('/sign-in', path)) return <SignInPage />;
  let p: Record<string, string> | null;
  if (match('/', path)) return <OverviewPage />;
  if (match('/work', path)) return <WorkPage />;
  if (match('/search', path)) return <SearchPage />;
  if (match('/requests', path)) return <RequestsListPage />;
  if (match('/reports', path)) return <ReportPage />;
  if (match('/notifications', path)) return <NotificationsPage />;
  if (match('/requests/new', path)) return <NewRequestPage />;
  if ((p = match('/requests/:id/match', path))) return <MatchPage id={p.id!} />;
  if ((p = match('/requests/:id', path))) return <CasePage id={p.id!} />;
  if (match('/offers', path)) return <OffersListPage />;
  if (match('/offers/new', path)) return <NewOfferPage />;
  if (match('/iati/import', path)) return <IatiImportPage />;
  if (match('/iati/reported-activities', path)) return <ReportedActivitiesPage />;
  if ((p = match('/offers/:id', path))) return <OfferPage id={p.id!} />;
  if (match('/engagements', path)) return <EngagementsListPage />;
  if ((p = match('/engagements/:id', path))) return <EngagementPage id={p.id!} />;
  if ((p = match('/countries/:code', path))) return <CountryPage code={p.code!.toUpperCase()} />;
  if ((p = match('/donors/:id', path))) return <DonorPage id={p.id!} />;
  if (match('/practices', path)) return <PracticesPage />;
  if (match('/practices/new', path)) return <NewPracticePage />;
  if ((p = match('/practices/:id', path))) return <PracticePage id={p.id!} />;
  if (match('/directory', path)) return <DirectoryPage />;
  if (match('/directory/authorities/new', path)) return <NewAuthorityPage />;
  if ((p = match('/directory/:id/change', path))) return <ChangeAuthorityPage id={p.id!} />;
  if ((p = match('/directory/:id', path))) return <DirectoryEntryPage id={p.id!} />;
  return (
    <div>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link href="/">{t('nav.overview')}</Link>
      </p>
    </div>
  );
}

export function App() {
  useLanguage(); // re-render every label when the language changes
  const s = useStore(session);
  const { path } = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a client-side navigation, focus moves to the page's heading (as a page load would).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = main.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [path]);
  const role = s?.claims.role;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <Link href="/">{t('app.title')}</Link>
        </div>
        {s && (
          <nav aria-label={t('nav.label')}>
            <ul>
              <li>
                <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                  {t('nav.overview')}
                </Link>
              </li>
              <li>
                <WorkLink current={path === '/work'} />
              </li>
              <li>
                <Link href="/directory" aria-current={path.startsWith('/directory') ? 'page' : undefined}>
                  {t('nav.directory')}
                </Link>
              </li>
              <li>
                <Link href="/practices" aria-current={path.startsWith('/practices') ? 'page' : undefined}>
                  {t('nav.practices')}
                </Link>
              </li>
              <li>
                <Link href="/reports" aria-current={path === '/reports' ? 'page' : undefined}>
                  {t('nav.reports')}
                </Link>
              </li>
              <li>
                <Link href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined}>
                  {t('nav.notifications')}
                </Link>
              </li>
              {role === 'state' && (
                <li>
                  <Link href="/requests/new">{t('nav.newRequest')}</Link>
                </li>
              )}
              {(role === 'donor' || role === 'authority') && (
                <li>
                  <Link href="/offers/new">{t('nav.newOffer')}</Link>
                </li>
              )}
              {(role === 'donor' || role === 'authority' || role === 'secretariat') && (
                <li>
                  <Link href="/iati/import" aria-current={path === '/iati/import' ? 'page' : undefined}>
                    {t('nav.iatiImport')}
                  </Link>
                </li>
              )}
              <li>
                <Link href="/iati/reported-activities" aria-current={path === '/iati/reported-activities' ? 'page' : undefined}>
                  {t('nav.reportedActivities')}
                </Link>
              </li>
              {s.claims.country && (
                <li>
                  <Link href={`/countries/${s.claims.country}`}>{t('nav.myCountry')}</Link>
                </li>
              )}
              {s.claims.organisation && (
                <li>
                  <Link href={`/donors/${encodeURIComponent(s.claims.organisation)}`}>{t('nav.myOrganisation')}</Link>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div class="tools">
          {s && <SearchBox />}
          <LiveIndicator />
          <LanguageSwitch />
          {s && (
            <div class="who">
              <span data-testid="who">
                {s.claims.name ?? s.claims.sub} · {t(`role.${s.claims.role}`)}
              </span>
              <button
                type="button"
                class="btn btn-secondary"
                onClick={() => {
                  void signOut().then((to) => {
                    if (to.startsWith('/app/')) navigate(to.slice('/app'.length));
                    else location.assign(to);
                  });
                }}
              >
                {t('nav.signOut')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page />
      </main>
      <footer class="foot">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
