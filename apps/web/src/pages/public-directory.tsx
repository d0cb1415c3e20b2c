import { byText, DataTable, type Column } from '../components/data-table';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { getPublic } from '../lib/api';
import type { PublicDirectory } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, language, t } from '../lib/i18n';
import { articleShort, countryLabel, taTypeLabel } from '../lib/labels';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

type Authority = PublicDirectory['items'][number];

/**
 * The public directory of national prevention authorities (resolution 3/2, para 9), as UNODC
 * publishes it: readable without signing in where the deployment turns the public view on; by
 * State, with the areas of assistance, never a contact point. A CSV of the same list.
 */
export function PublicDirectoryPage() {
  const lang = useStore(language);
  const s = useStore(session);
  const q = useQuery(() => getPublic<PublicDirectory>('/public/directory/authorities', { lang }), [lang]);
  const columns: Column<Authority>[] = [
    { key: 'country', header: t('col.country'), sort: byText((a) => countryLabel(a.country)), cell: (a) => countryLabel(a.country) },
    { key: 'name', header: t('col.name'), rowHeader: true, sort: byText((a) => a.name), cell: (a) => a.name, cellProps: (a) => ({ 'data-id': a.id }) },
    { key: 'articles', header: t('field.articles'), cell: (a) => a.articles.map(articleShort).join(', ') },
    { key: 'taTypes', header: t('field.taTypes'), cell: (a) => a.taTypes.map(taTypeLabel).join('; ') },
    { key: 'languages', header: t('field.workingLanguages'), cell: (a) => a.languages.map(fmt.languageName).join(', ') },
    { key: 'notifiedOn', header: t('publicDirectory.notifiedOn'), sort: byText((a) => a.notifiedOn), cell: (a) => fmt.date(a.notifiedOn) },
  ];
  return (
    <div data-ready={q.data !== undefined ? 'true' : 'false'}>
      <h1>{t('publicDirectory.title')}</h1>
      <p class="hint">{t('publicDirectory.intro')}</p>
      {q.error && <ProblemNote problem={q.error} />}
      {q.data === undefined && !q.error && <Loading />}
      {q.data === null && <p class="empty" data-testid="public-off">{t('publicDirectory.off')}</p>}
      {q.data && (
        <>
          <p>
            <a href={`/public/directory/authorities.csv?lang=${lang}`} download data-testid="public-csv">
              {t('publicDirectory.csv')}
            </a>
          </p>
          <DataTable caption={t('publicDirectory.caption')} columns={columns} rows={q.data.items} rowKey={(a) => a.id} empty={t('common.none')} testId="public-directory" />
        </>
      )}
      {!s && (
        <p>
          <Link href="/sign-in">{t('signIn.title')}</Link>
        </p>
      )}
    </div>
  );
}
