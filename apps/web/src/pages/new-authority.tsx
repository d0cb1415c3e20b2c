import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { Button, CheckboxGroup, ErrorSummary, Field, useCommandForm } from '../components/ui';
import { post } from '../lib/api';
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
  const s = useStore(session)!;
  const form = useCommandForm();
  const secretariat = s.claims.role === 'secretariat';
  const [v, setV] = useState({
    id: '',
    country: s.claims.country ?? '',
    name: '',
    address: '',
    website: '',
    articles: [] as string[],
    taTypes: [] as string[],
    languages: [language.get()] as string[],
    notifiedOn: new Date().toISOString().slice(0, 10),
    noteVerbale: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const input = (k: keyof typeof v) => (e: Event) => set({ [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="narrow">
      <h1>{t('newAuthority.title')}</h1>
      <p class="hint">{t('newAuthority.intro')}</p>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const contact = v.contactName || v.contactEmail ? { name: v.contactName, email: v.contactEmail, ...(v.contactPhone ? { phone: v.contactPhone } : {}) } : null;
          const r = await post('/directory/authorities', {
            organisationId: v.id.trim(),
            country: v.country.trim().toUpperCase(),
            names: v.name.trim() ? { [language.get()]: v.name } : {},
            addresses: v.address.trim() ? [v.address] : [],
            website: v.website.trim() || null,
            articles: v.articles,
            taTypes: v.taTypes,
            languages: v.languages,
            notifiedOn: v.notifiedOn,
            ...(secretariat ? { noteVerbale: v.noteVerbale } : {}),
            contactPoint: contact,
          });
          refresh();
          navigate(`/directory/${encodeURIComponent(r.id)}`);
        })}
      >
        <ErrorSummary form={form} fieldIds={FIELDS} />
        <Field form={form} id="auth-country" path="/country" label={t('col.country')}>
          {(a) =>
            secretariat ? (
              <input {...a} type="text" maxLength={2} dir="ltr" value={v.country} onInput={input('country')} />
            ) : (
              <input {...a} type="text" readOnly value={v.country ? `${countryLabel(v.country)} (${v.country})` : ''} />
            )
          }
        </Field>
        <Field form={form} id="auth-id" path="/organisationId" label={t('field.organisationId')} hint={t('field.organisationIdHint')}>
          {(a) => <input {...a} type="text" dir="ltr" value={v.id} onInput={input('id')} />}
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
        <Button busy={form.busy}>{t('newAuthority.submit')}</Button>
      </form>
    </div>
  );
}
