import { t } from '../lib/i18n';
import { navigate } from '../lib/router';

/** One filter of a list page: a choice among options, or a date. */
export interface ListFilter {
  readonly name: string;
  readonly label: string;
  /** Options as [value, label]; absent: a date field. */
  readonly options?: ReadonlyArray<readonly [string, string]>;
}

/**
 * A list page's filters, kept in its URL (`/requests?status=open_for_offers&country=KE`): each
 * change replaces the URL, so the list can be linked to, bookmarked and reloaded as it is seen.
 */
export function ListFilters({ path, filters, search, label }: { path: string; filters: readonly ListFilter[]; search: URLSearchParams; label: string }) {
  const withFilter = (name: string, value: string) => {
    const next = new URLSearchParams();
    for (const f of filters) {
      const v = f.name === name ? value : (search.get(f.name) ?? '');
      if (v) next.set(f.name, v);
    }
    const q = next.toString();
    return q ? `${path}?${q}` : path;
  };
  const active = filters.some((f) => search.get(f.name));
  return (
    <form class="list-filters" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {filters.map((f) => {
        const id = `filter-${f.name}`;
        const value = search.get(f.name) ?? '';
        const change = (e: Event) => navigate(withFilter(f.name, (e.currentTarget as HTMLInputElement | HTMLSelectElement).value), { replace: true });
        return (
          <div class="field" key={f.name}>
            <label for={id}>{f.label}</label>
            {f.options ? (
              <select id={id} value={value} onChange={change}>
                <option value="">{t('search.all')}</option>
                {f.options.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} type="date" value={value} onChange={change} />
            )}
          </div>
        );
      })}
      {active && (
        <button type="button" class="btn btn-secondary" onClick={() => navigate(path, { replace: true })}>
          {t('list.clearFilters')}
        </button>
      )}
    </form>
  );
}
