import { get } from './api';
import type { OrganisationPage } from './api-types';
import { language } from './i18n';
import { Store, useStore } from './store';

/**
 * Providers' names in the reader's language, from the directory (`GET /directory/organisations`,
 * whose `name` is in the asked language, else English): the views carry provider ids, the
 * pages show names. Loaded once per language; an id the directory does not know shows as is.
 */
const names = new Store<{ readonly lang: string; readonly byId: Readonly<Record<string, string>>; readonly organisations: ReadonlyArray<readonly [string, string]> } | null>(null);
let loading: string | null = null;

function load(lang: string): void {
  if (loading === lang) return;
  loading = lang;
  get<OrganisationPage>('/directory/organisations', { lang, limit: 500 }).then(
    (page) => {
      const byId: Record<string, string> = {};
      for (const o of page.items) {
        byId[o.id] = o.name;
        for (const old of o.providerIds) byId[old] = o.name;
      }
      names.set({ lang, byId, organisations: page.items.map((o) => [o.id, o.name] as const) });
    },
    () => {
      loading = null;
    },
  );
}

/** `(id) => name`: the directory's name of a provider id in the current language, or the id. */
export function useProviderNames(): (id: string) => string {
  const lang = useStore(language);
  const n = useStore(names);
  if (!n || n.lang !== lang) load(lang);
  return (id) => (n && n.lang === lang ? (n.byId[id] ?? id) : id);
}

/** The directory's organisations as [id, name] in the current language, by name (empty until loaded). */
export function useProviderList(): ReadonlyArray<readonly [string, string]> {
  const lang = useStore(language);
  const n = useStore(names);
  if (!n || n.lang !== lang) load(lang);
  return n && n.lang === lang ? [...n.organisations].sort((a, b) => a[1].localeCompare(b[1], lang)) : [];
}
