import { useState } from 'preact/hooks';
import { get, post } from '../lib/api';
import type { ContactPersonView, PersonalDataReadsView, TextView } from '../lib/api-types';
import { fmt, LANGUAGES, language, t, useLanguage } from '../lib/i18n';
import { session } from '../lib/auth';
import { useStore } from '../lib/store';
import { refresh } from './actions';
import { Button, ErrorSummary, Field, Section, useCommandForm, useQuery } from './ui';

/**
 * A text a party wrote, as the API gives it (`TextView`): in the reader's language when it
 * exists, else its original; `lang` and `dir` set on the text itself, and a note when it is a
 * translation or not in the page's language.
 */
export function CaseText({ view, block, testId }: { view: TextView | undefined; block?: boolean; testId?: string }) {
  const ui = useLanguage();
  if (!view) return null;
  const note = !view.original ? t('texts.translation', { language: fmt.languageName(view.lang ?? ui) }) : view.lang && view.lang !== ui ? t('texts.original', { language: fmt.languageName(view.lang) }) : null;
  const attrs = { lang: view.lang ?? undefined, dir: view.dir, class: 'case-text', 'data-testid': testId, 'data-original': String(view.original) };
  return (
    <>
      {block ? <p {...attrs}>{view.text}</p> : <span {...attrs}>{view.text}</span>}
      {note && <small class="text-note"> ({note})</small>}
    </>
  );
}

/** The texts of one family under a prefix, in order: `clarifications/1/question`, `clarifications/2/question`... */
export function numbered(texts: Record<string, TextView>, prefix: string): number[] {
  const ns = new Set<number>();
  for (const path of Object.keys(texts)) {
    const m = path.startsWith(prefix) ? /^(\d+)\//.exec(path.slice(prefix.length)) : null;
    if (m) ns.add(Number(m[1]));
  }
  return [...ns].sort((a, b) => a - b);
}

/** The texts the signed-in side may translate: any for the Secretariat, its own words for a State or a provider. */
export function translatable(texts: Record<string, TextView>, role: string | undefined): string[] {
  const side = role === 'secretariat' ? null : role === 'state' ? 'state' : role === 'donor' || role === 'authority' ? 'provider' : undefined;
  if (side === undefined) return [];
  return Object.keys(texts).filter((p) => side === null || texts[p]!.author === side);
}

/**
 * Adds a translation of one of the case's texts: the Secretariat any, a State or a provider
 * the texts its side wrote (the API decides; its refusals are shown here).
 */
export function TranslateForm({ base, texts, labelOf }: { base: string; texts: Record<string, TextView>; labelOf: (path: string) => string }) {
  const form = useCommandForm();
  const role = useStore(session)?.claims.role;
  const paths = translatable(texts, role);
  const [text, setText] = useState(paths[0] ?? '');
  const [lang, setLang] = useState<string>(LANGUAGES.find((l) => l !== language.get()) ?? 'en');
  const [translation, setTranslation] = useState('');
  if (paths.length === 0) return null;
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="translate-h"
      onSubmit={form.submit(async () => {
        await post(`${base}/translations`, { text, language: lang, translation });
        setTranslation('');
        refresh();
      })}
    >
      <h3 id="translate-h">{t('translate.title')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/text': 'translate-text', '/language': 'translate-language', '/translation': 'translate-translation' }} />
      <Field form={form} id="translate-text" path="/text" label={t('translate.text')}>
        {(a) => (
          <select {...a} value={text} onChange={(e) => setText((e.currentTarget as HTMLSelectElement).value)}>
            {paths.map((p) => (
              <option key={p} value={p}>
                {labelOf(p)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} id="translate-language" path="/language" label={t('translate.language')}>
        {(a) => (
          <select {...a} value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {fmt.languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} id="translate-translation" path="/translation" label={t('translate.translation')}>
        {(a) => <textarea {...a} rows={3} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} value={translation} onInput={(e) => setTranslation((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <Button busy={form.busy}>{t('translate.submit')}</Button>
    </form>
  );
}

/**
 * The request's contact person, for those the API shows it to (the Secretariat, the State,
 * the provider of an agreed engagement); nothing for the others (403 or 404). Fetched once per
 * request, not at each live announcement: every read is recorded as an event, which would be
 * announced and fetched again, for ever.
 */
export function ContactPerson({ requestId }: { requestId: string }) {
  const q = useQuery(() => get<ContactPersonView>(`/requests/${encodeURIComponent(requestId)}/contact-person`), [requestId], { live: false });
  const c = q.data?.contactPerson;
  if (!q.data) return null;
  return (
    <Section id="contact-person" title={t('contact.title')} note={t('contact.note')}>
      {q.data.erasedAt ? (
        <p class="empty" data-testid="contact-person-erased">
          {t('contact.erased', { date: fmt.date(q.data.erasedAt) })}
        </p>
      ) : c ? (
        <dl class="facts" data-testid="contact-person">
          <dt>{t('field.contactName')}</dt>
          <dd>{c.name}</dd>
          <dt>{t('field.contactEmail')}</dt>
          <dd>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </dd>
        </dl>
      ) : (
        <p class="empty">{t('contact.none')}</p>
      )}
    </Section>
  );
}

/**
 * Who read the request's contact person (who, when), for the Secretariat and the request's
 * State; nothing for the others (403 or 404).
 */
export function ContactPersonReads({ requestId }: { requestId: string }) {
  const q = useQuery(() => get<PersonalDataReadsView>(`/requests/${encodeURIComponent(requestId)}/contact-person/reads`), [requestId]);
  if (!q.data) return null;
  const reads = q.data.reads;
  return (
    <Section id="contact-person-reads" title={t('contactReads.title')} note={t('contactReads.note')}>
      {reads.length === 0 ? (
        <p class="empty">{t('contactReads.none')}</p>
      ) : (
        <table data-testid="contact-person-reads">
          <caption>{t('contactReads.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('contactReads.when')}</th>
              <th scope="col">{t('contactReads.who')}</th>
            </tr>
          </thead>
          <tbody>
            {reads.map((r) => (
              <tr key={r.sequence}>
                <td>{fmt.dateTime(r.at)}</td>
                <td>{[r.reader.id, t(`role.${r.reader.role}`), r.reader.country ? fmt.country(r.reader.country) : r.reader.organisation].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
