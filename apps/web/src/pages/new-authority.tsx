import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { Button, CheckboxGroup, ErrorSummary, Field, Loading, ProblemNote, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { OrganisationView } from '../lib/api-types';
import { session } from '../lib/auth';
import { ARTICLES, TA_TYPES, UN_LANGUAGES } from '../lib/codes';
import { fmt, language, t } from '../lib/i18n';
import { articleLabel, countryLabel, taTypeLabel } from '../lib/labels';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';

const FIELDS = {
  '/organisationId': 'auth-id',
  '/country': 'auth-country',
  '/names': 'auth-name',
  '/addresses': 'auth-address',
  '/addresses/0': 'auth-address',
  '/website': 'auth-website',
  '/articles': 'auth-articles',
  '/taTypes': 'auth-tatypes',
  '/languages': 'auth-languages',
  '/notifiedOn': 'auth-notified',
  '/noteVerbale': 'auth-note',
  '/contactPoint/name': 'auth-contact-name',
  '/contactPoint/email': 'auth-contact-email',
  '/contactPoint/phone': 'auth-contact-phone',
};

/** A State notifies a national authority that can assist other States (para 9); the Secretariat records one from a note verbale. */
export function NewAuthorityPage() {
  return <AuthorityForm />;
}

/** A later notification: the State (or the Secretariat, from a note verbale) changes its authority's entry. */
export function ChangeAuthorityPage({ id }: { id: string }) {
  const q = useQuery(() => get<OrganisationView>(`/directory/organisations/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && <AuthorityForm existing={q.data} />}
    </>
  );
}

function AuthorityForm({ existing }: { existing?: OrganisationView }) {
  const s = useStore(session)!;
  const form = useCommandForm();
  const secretariat = s.claims.role === 'secretariat';
  const lang = language.get();
  const names = (existing?.names ?? {}) as Record<string, string | undefined>;
  const [v, setV] = useState({
    id: existing?.id ?? '',
    country: existing?.country ?? s.claims.country ?? '',
    name: names[lang] ?? '',
    address: existing?.addresses[0] ?? '',
    website: existing?.website ?? '',
    articles: [...(existing?.authority?.articles ?? [])] as string[],
    taTypes: [...(existing?.authority?.taTypes ?? [])] as string[],
    languages: [...(existing?.authority?.languages ?? [lang])] as string[],
    notifiedOn: new Date().toISOString().slice(0, 10),
    noteVerbale: '',
    contactName: existing?.authority?.contactPoint?.name ?? '',
    contactEmail: existing?.authority?.contactPoint?.email ?? '',
    contactPhone: existing?.authority?.contactPoint?.phone ?? '',
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const input = (k: keyof typeof v) => (e: Event) => set({ [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="narrow">
      <h1>{existing ? t('changeAuthority.title', { name: existing.name }) : t('newAuthority.title')}</h1>
      <p class="hint">{existing ? t('changeAuthority.intro') : t('newAuthority.intro')}</p>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const contact = v.contactName || v.contactEmail ? { name: v.contactName, email: v.contactEmail, ...(v.contactPhone ? { phone: v.contactPhone } : {}) } : null;
          const common = {
            // the other languages' names are kept; this language's is the one typed (or dropped when emptied)
            names: { ...Object.fromEntries(Object.entries(names).filter(([l, n]) => l !== language.get() && n)), ...(v.name.trim() ? { [language.get()]: v.name } : {}) },
            addresses: v.address.trim() ? [v.address, ...(existing?.addresses.slice(1) ?? [])] : (existing?.addresses.slice(1) ?? []),
            website: v.website.trim() || null,
            articles: v.articles,
            taTypes: v.taTypes,
            languages: v.languages,
            notifiedOn: v.notifiedOn,
            ...(secretariat ? { noteVerbale: v.noteVerbale } : {}),
            contactPoint: contact,
          };
          const r = existing
            ? await post(`/directory/authorities/${encodeURIComponent(existing.id)}/changes`, common)
            : await post('/directory/authorities', { organisationId: v.id.trim(), country: v.country.trim().toUpperCase(), ...common });
          refresh();
          navigate(`/directory/${encodeURIComponent(r.id)}`);
        })}
      >
        <ErrorSummary form={form} fieldIds={FIELDS} />
        <Field form={form} id="auth-country" path="/country" label={t('col.country')}>
          {(a) =>
            secretariat && !existing ? (
              <input {...a} type="text" maxLength={2} dir="ltr" value={v.country} onInput={input('country')} />
            ) : (
              <input {...a} type="text" readOnly value={v.country ? `${countryLabel(v.country)} (${v.country})` : ''} />
            )
          }
        </Field>
        <Field form={form} id="auth-id" path="/organisationId" label={t('field.organisationId')} hint={t('field.organisationIdHint')}>
          {(a) => <input {...a} type="text" dir="ltr" readOnly={Boolean(existing)} value={v.id} onInput={input('id')} />}
        </Field>
        <Field form={form} id="auth-name" path="/names" label={t('field.name')}>
          {(a) => <input {...a} type="text" value={v.name} onInput={input('name')} />}
        </Field>
        <Field form={form} id="auth-address" path="/addresses" label={t('entry.addresses')}>
          {(a) => <input {...a} type="text" value={v.address} onInput={input('address')} />}
        </Field>
        <Field form={form} id="auth-website" path="/website" label={t('entry.website')}>
          {(a) => <input {...a} type="url" dir="ltr" value={v.website} onInput={input('website')} />}
        </Field>
        <CheckboxGroup form={form} id="auth-articles" path="/articles" legend={t('field.articles')} options={ARTICLES} labelOf={articleLabel} value={v.articles} onChange={(articles) => set({ articles })} columns />
        <CheckboxGroup form={form} id="auth-tatypes" path="/taTypes" legend={t('field.taTypes')} options={TA_TYPES} labelOf={taTypeLabel} value={v.taTypes} onChange={(taTypes) => set({ taTypes })} columns />
        <CheckboxGroup form={form} id="auth-languages" path="/languages" legend={t('field.workingLanguages')} options={UN_LANGUAGES} labelOf={fmt.languageName} value={v.languages} onChange={(languages) => set({ languages })} />
        <Field form={form} id="auth-notified" path="/notifiedOn" label={t('entry.notifiedOn')}>
          {(a) => <input {...a} type="date" value={v.notifiedOn} onInput={input('notifiedOn')} />}
        </Field>
        {secretariat && (
          <Field form={form} id="auth-note" path="/noteVerbale" label={t('entry.noteVerbale')}>
            {(a) => <input {...a} type="text" value={v.noteVerbale} onInput={input('noteVerbale')} />}
          </Field>
        )}
        <fieldset>
          <legend>{t('entry.contactPoint')}</legend>
          <p class="hint">{t('entry.contactHint')}</p>
          <Field form={form} id="auth-contact-name" path="/contactPoint/name" label={t('field.contactName')}>
            {(a) => <input {...a} type="text" autocomplete="name" value={v.contactName} onInput={input('contactName')} />}
          </Field>
          <Field form={form} id="auth-contact-email" path="/contactPoint/email" label={t('field.contactEmail')}>
            {(a) => <input {...a} type="email" autocomplete="email" dir="ltr" value={v.contactEmail} onInput={input('contactEmail')} />}
          </Field>
          <Field form={form} id="auth-contact-phone" path="/contactPoint/phone" label={t('field.contactPhone')}>
            {(a) => <input {...a} type="tel" autocomplete="tel" dir="ltr" value={v.contactPhone} onInput={input('contactPhone')} />}
          </Field>
        </fieldset>
        <Button busy={form.busy}>{existing ? t('changeAuthority.submit') : t('newAuthority.submit')}</Button>
      </form>
    </div>
  );
}
