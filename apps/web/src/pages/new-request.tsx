import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { NeedSourcesEditor, sourceBody, type SourceDraft } from '../components/need-sources';
import { Button, CheckboxGroup, ErrorSummary, Field, RadioGroup, useCommandForm } from '../components/ui';
import { post } from '../lib/api';
import { session } from '../lib/auth';
import { ARTICLES, PRIORITIES, TA_TYPES, UN_LANGUAGES } from '../lib/codes';
import { fmt, language, t } from '../lib/i18n';
import { articleLabel, countryLabel, priorityLabel, taTypeLabel } from '../lib/labels';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';

const FIELDS = {
  '/title': 'req-title',
  '/description': 'req-description',
  '/suggestedArticles': 'req-articles',
  '/suggestedTaTypes': 'req-tatypes',
  '/beneficiaryInstitution': 'req-institution',
  '/preferredLanguages': 'req-languages',
  '/desiredWindow': 'req-from',
  '/restricted': 'req-consent',
  '/statePriority': 'req-priority',
  '/sources': 'req-sources',
  '/contactPerson/name': 'req-contact-name',
  '/contactPerson/email': 'req-contact-email',
  '/country': 'req-country',
};

export function NewRequestPage() {
  const s = useStore(session)!;
  const form = useCommandForm();
  const [v, setV] = useState({
    title: '',
    description: '',
    articles: [] as string[],
    taTypes: [] as string[],
    institution: '',
    languages: [language.get()] as string[],
    from: '',
    to: '',
    // No pre-ticked choice: the State decides whether the request is restricted, and its priority.
    restricted: null as boolean | null,
    statePriority: '',
    sources: [] as SourceDraft[],
    contactName: '',
    contactEmail: '',
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const input = (k: 'title' | 'institution' | 'from' | 'to' | 'contactName' | 'contactEmail') => (e: Event) => set({ [k]: (e.currentTarget as HTMLInputElement).value });
  const country = s.claims.country ?? '';
  return (
    <div class="narrow">
      <h1>{t('newRequest.title')}</h1>
      <p class="hint">{t('newRequest.intro', { language: fmt.languageName(language.get()) })}</p>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const lang = language.get();
          const r = await post('/requests', {
            country,
            title: v.title.trim() ? { [lang]: v.title } : {},
            description: v.description.trim() ? { [lang]: v.description } : {},
            suggestedArticles: v.articles,
            suggestedTaTypes: v.taTypes,
            beneficiaryInstitution: v.institution,
            preferredLanguages: v.languages,
            ...(v.from || v.to ? { desiredWindow: { from: v.from, to: v.to } } : {}),
            ...(v.restricted === null ? {} : { restricted: v.restricted }),
            ...(v.statePriority ? { statePriority: v.statePriority } : {}),
            ...(v.sources.length ? { sources: v.sources.map(sourceBody) } : {}),
            ...(v.contactName || v.contactEmail ? { contactPerson: { name: v.contactName, email: v.contactEmail } } : {}),
          });
          refresh();
          navigate(`/requests/${r.id}`);
        })}
      >
        <ErrorSummary form={form} fieldIds={FIELDS} />
        <Field form={form} id="req-country" path="/country" label={t('col.country')}>
          {(a) => <input {...a} type="text" readOnly value={country ? `${countryLabel(country)} (${country})` : ''} />}
        </Field>
        <Field form={form} id="req-title" path="/title" label={t('field.title')}>
          {(a) => <input {...a} type="text" value={v.title} onInput={input('title')} />}
        </Field>
        <Field form={form} id="req-description" path="/description" label={t('field.description')}>
          {(a) => <textarea {...a} rows={4} value={v.description} onInput={(e) => set({ description: (e.currentTarget as HTMLTextAreaElement).value })} />}
        </Field>
        <CheckboxGroup form={form} id="req-articles" path="/suggestedArticles" legend={t('field.articles')} options={ARTICLES} labelOf={articleLabel} value={v.articles} onChange={(articles) => set({ articles })} columns />
        <CheckboxGroup form={form} id="req-tatypes" path="/suggestedTaTypes" legend={t('field.taTypes')} options={TA_TYPES} labelOf={taTypeLabel} value={v.taTypes} onChange={(taTypes) => set({ taTypes })} columns />
        <Field form={form} id="req-institution" path="/beneficiaryInstitution" label={t('field.institution')}>
          {(a) => <input {...a} type="text" value={v.institution} onInput={input('institution')} />}
        </Field>
        <CheckboxGroup form={form} id="req-languages" path="/preferredLanguages" legend={t('field.languages')} options={UN_LANGUAGES} labelOf={fmt.languageName} value={v.languages} onChange={(languages) => set({ languages })} />
        <div class="pair">
          <Field form={form} id="req-from" path="/desiredWindow/from" label={t('field.desiredFrom')}>
            {(a) => <input {...a} type="date" value={v.from} onInput={input('from')} />}
          </Field>
          <Field form={form} id="req-to" path="/desiredWindow/to" label={t('field.desiredTo')}>
            {(a) => <input {...a} type="date" value={v.to} onInput={input('to')} />}
          </Field>
        </div>
        <NeedSourcesEditor form={form} value={v.sources} onChange={(sources) => set({ sources })} />
        <RadioGroup
          form={form}
          id="req-priority"
          path="/statePriority"
          legend={t('field.statePriority')}
          hint={t('field.statePriorityHint')}
          options={PRIORITIES.map((p) => [p, priorityLabel(p)] as const)}
          value={v.statePriority}
          onChange={(statePriority) => set({ statePriority })}
        />
        <RadioGroup
          form={form}
          id="req-consent"
          path="/restricted"
          legend={t('field.consent')}
          hint={t('field.consentHint')}
          options={[
            ['open', t('field.consentOpen')],
            ['restricted', t('field.restricted')],
          ]}
          value={v.restricted === null ? '' : v.restricted ? 'restricted' : 'open'}
          onChange={(choice) => set({ restricted: choice === 'restricted' })}
        />
        <fieldset>
          <legend>{t('field.contact')}</legend>
          <p class="hint">{t('field.contactHint')}</p>
          <Field form={form} id="req-contact-name" path="/contactPerson/name" label={t('field.contactName')}>
            {(a) => <input {...a} type="text" autocomplete="name" value={v.contactName} onInput={input('contactName')} />}
          </Field>
          <Field form={form} id="req-contact-email" path="/contactPerson/email" label={t('field.contactEmail')}>
            {(a) => <input {...a} type="email" autocomplete="email" dir="ltr" value={v.contactEmail} onInput={input('contactEmail')} />}
          </Field>
        </fieldset>
        <Button busy={form.busy}>{t('newRequest.submit')}</Button>
      </form>
    </div>
  );
}
