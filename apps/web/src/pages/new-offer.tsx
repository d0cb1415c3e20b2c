import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { Button, CheckboxGroup, ErrorSummary, Field, useCommandForm } from '../components/ui';
import { post } from '../lib/api';
import { session } from '../lib/auth';
import { ARTICLES, CURRENCIES, MODALITIES, REGIONS, TA_TYPES, UN_LANGUAGES } from '../lib/codes';
import { CountryPicker, countriesTyped } from '../components/country-picker';
import { parseAmount, formatAmount } from '../lib/amounts';
import { fmt, language, t } from '../lib/i18n';
import { articleLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';

const FIELDS = {
  '/providerId': 'off-provider',
  '/providerKind': 'off-kind',
  '/title': 'off-title',
  '/description': 'off-description',
  '/articles': 'off-articles',
  '/taTypes': 'off-tatypes',
  '/eligibleCountries': 'off-countries',
  '/eligibleRegions': 'off-regions',
  '/languages': 'off-languages',
  '/modality': 'off-modality',
  '/capacity/amount': 'off-amount',
  '/capacity/currency': 'off-currency',
  '/capacity/days': 'off-days',
  '/capacity': 'off-capacity',
  '/availability/from': 'off-from',
  '/availability/to': 'off-to',
};

const REGION_CODES = REGIONS.map((r) => r.code);
const REGION_DEPTH = new Map<string, number>(REGIONS.map((r) => [r.code, r.depth]));

/** ISO 4217 currencies by name in the reader's language ("EUR – Euro"), ordered by name. */
function currencyOptions(): Array<[string, string]> {
  const collator = new Intl.Collator(language.get());
  return CURRENCIES.map((code) => [code, `${code} – ${fmt.currencyName(code)}`] as [string, string]).sort((a, b) => collator.compare(a[1], b[1]));
}

export function NewOfferPage() {
  const s = useStore(session)!;
  const form = useCommandForm();
  const [v, setV] = useState({
    title: '',
    description: '',
    articles: [] as string[],
    taTypes: [] as string[],
    countries: '',
    picked: [] as string[],
    regions: [] as string[],
    languages: [language.get()] as string[],
    modality: 'hybrid',
    unit: 'money' as 'money' | 'expert_days',
    amount: '',
    currency: 'EUR',
    days: '',
    from: new Date().toISOString().slice(0, 10),
    to: '',
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  const provider = s.claims.organisation ?? s.claims.sub;
  return (
    <div class="narrow">
      <h1>{t('newOffer.title')}</h1>
      <p class="hint">{t('newRequest.intro', { language: fmt.languageName(language.get()) })}</p>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const lang = language.get();
          const r = await post('/offers', {
            providerId: provider,
            taTypes: v.taTypes,
            articles: v.articles,
            eligibleCountries: [...new Set([...v.picked, ...countriesTyped(v.countries)])],
            eligibleRegions: v.regions,
            languages: v.languages,
            modality: v.modality,
            capacity: v.unit === 'money' ? { kind: 'money', amount: parseAmount(v.amount, language.get()), currency: v.currency.toUpperCase() } : { kind: 'expert_days', days: Number(v.days) },
            availability: { from: v.from, to: v.to },
            title: v.title.trim() ? { [lang]: v.title } : {},
            description: v.description.trim() ? { [lang]: v.description } : {},
          });
          refresh();
          navigate(`/donors/${encodeURIComponent(provider)}?offer=${r.id}`);
        })}
      >
        <ErrorSummary form={form} fieldIds={FIELDS} />
        <Field form={form} id="off-provider" path="/providerId" label={t('field.provider')}>
          {(a) => <input {...a} type="text" readOnly value={provider} />}
        </Field>
        <Field form={form} id="off-title" path="/title" label={t('field.title')}>
          {(a) => <input {...a} type="text" value={v.title} onInput={(e) => set({ title: val(e) })} />}
        </Field>
        <Field form={form} id="off-description" path="/description" label={t('field.description')}>
          {(a) => <textarea {...a} rows={3} value={v.description} onInput={(e) => set({ description: val(e) })} />}
        </Field>
        <CheckboxGroup form={form} id="off-articles" path="/articles" legend={t('field.articles')} options={ARTICLES} labelOf={articleLabel} value={v.articles} onChange={(articles) => set({ articles })} columns />
        <CheckboxGroup form={form} id="off-tatypes" path="/taTypes" legend={t('field.taTypes')} options={TA_TYPES} labelOf={taTypeLabel} value={v.taTypes} onChange={(taTypes) => set({ taTypes })} columns />
        <CountryPicker
          form={form}
          id="off-countries"
          path="/eligibleCountries"
          label={t('field.eligibleCountries')}
          hint={t('field.eligibleCountriesHint')}
          value={v.picked}
          text={v.countries}
          onChange={(c) => set({ ...(c.picked ? { picked: c.picked } : {}), ...(c.text !== undefined ? { countries: c.text } : {}) })}
        />
        <CheckboxGroup
          form={form}
          id="off-regions"
          path="/eligibleRegions"
          legend={t('field.eligibleRegions')}
          hint={t('field.eligibleRegionsHint')}
          options={REGION_CODES}
          labelOf={regionLabel}
          depthOf={(code) => REGION_DEPTH.get(code) ?? 0}
          value={v.regions}
          onChange={(regions) => set({ regions })}
          columns
        />
        <CheckboxGroup form={form} id="off-languages" path="/languages" legend={t('field.languages')} options={UN_LANGUAGES} labelOf={fmt.languageName} value={v.languages} onChange={(languages) => set({ languages })} />
        <Field form={form} id="off-modality" path="/modality" label={t('field.modality')}>
          {(a) => (
            <select {...a} value={v.modality} onChange={(e) => set({ modality: val(e) })}>
              {MODALITIES.map((m) => (
                <option key={m} value={m}>
                  {t(`modality.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset id="off-capacity" tabIndex={-1}>
          <legend>{t('field.capacity')}</legend>
          {form.errorsAt('/capacity').filter((e) => e.path === '/capacity').length > 0 && (
            <p class="field-error" data-path="/capacity">
              {form
                .errorsAt('/capacity')
                .filter((e) => e.path === '/capacity')
                .map((e) => e.message)
                .join(' ')}
            </p>
          )}
          <label class="check">
            <input type="radio" name="unit" value="money" checked={v.unit === 'money'} onChange={() => set({ unit: 'money' })} /> {t('field.money')}
          </label>
          <label class="check">
            <input type="radio" name="unit" value="expert_days" checked={v.unit === 'expert_days'} onChange={() => set({ unit: 'expert_days' })} /> {t('unit.expertDaysTitle')}
          </label>
          {v.unit === 'money' ? (
            <div class="pair">
              <Field form={form} id="off-amount" path="/capacity/amount" label={t('field.amount')} hint={t('field.amountHint', { example: formatAmount('250000.00', language.get(), 2) })}>
                {(a) => <input {...a} type="text" inputMode="decimal" dir="ltr" value={v.amount} onInput={(e) => set({ amount: val(e) })} />}
              </Field>
              <Field form={form} id="off-currency" path="/capacity/currency" label={t('field.currency')}>
                {(a) => (
                  <select {...a} value={v.currency} onChange={(e) => set({ currency: val(e) })}>
                    {currencyOptions().map(([code, name]) => (
                      <option key={code} value={code}>
                        {name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ) : (
            <Field form={form} id="off-days" path="/capacity/days" label={t('field.days')}>
              {(a) => <input {...a} type="number" min={1} dir="ltr" value={v.days} onInput={(e) => set({ days: val(e) })} />}
            </Field>
          )}
        </fieldset>
        <div class="pair">
          <Field form={form} id="off-from" path="/availability/from" label={t('field.availableFrom')}>
            {(a) => <input {...a} type="date" value={v.from} onInput={(e) => set({ from: val(e) })} />}
          </Field>
          <Field form={form} id="off-to" path="/availability/to" label={t('field.availableTo')}>
            {(a) => <input {...a} type="date" value={v.to} onInput={(e) => set({ to: val(e) })} />}
          </Field>
        </div>
        <Button busy={form.busy}>{t('newOffer.submit')}</Button>
      </form>
    </div>
  );
}
