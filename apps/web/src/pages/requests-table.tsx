import { Badge } from '../components/ui';
import { fmt, t } from '../lib/i18n';
import { articleShort, countryLabel, priorityLabel, textOf } from '../lib/labels';
import { Link } from '../lib/router';
import type { RequestRow } from '../lib/types';

export function RequestsTable({ items, caption }: { items: RequestRow[]; caption: string }) {
  if (items.length === 0) return <p class="empty">{t('common.none')}</p>;
  return (
    <table class="data" data-testid="requests-table">
      <caption class="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.request')}</th>
          <th scope="col">{t('col.country')}</th>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.articles')}</th>
          <th scope="col">{t('col.priority')}</th>
          <th scope="col">{t('col.submitted')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => {
          const title = textOf(r.title);
          return (
            <tr key={r.requestId} data-request-id={r.requestId}>
              <td>
                <Link href={`/requests/${r.requestId}`} lang={title.lang}>
                  {title.text}
                </Link>
                {r.restricted && <span class="badge badge-restricted">{t('request.restricted')}</span>}
              </td>
              <td>{countryLabel(r.country)}</td>
              <td>
                <Badge kind="requestStatus" code={r.status} />
              </td>
              <td>{r.articles.map(articleShort).join(', ')}</td>
              <td>{priorityLabel(r.priority)}</td>
              <td>{fmt.date(r.submittedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
