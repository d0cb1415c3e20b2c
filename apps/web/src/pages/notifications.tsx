import { useEffect, useState } from 'preact/hooks';
import { Button, ErrorSummary, Field, Loading, ProblemNote, RadioGroup, Section, CheckboxGroup, useCommandForm, useQuery } from '../components/ui';
import { get, postPlain } from '../lib/api';
import type { components } from '../lib/api-schema';
import { session } from '../lib/auth';
import { LANGUAGES, t, useLanguage } from '../lib/i18n';
import { Link, useRoute } from '../lib/router';
import { useStore } from '../lib/store';

type Preferences = components['schemas']['PreferencesDto'];
type Defaults = components['schemas']['NotificationDefaultsDto'];

const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
/** Each language in its own name, as the header's language switch. */
const NATIVE: Record<string, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };
const DEFAULT = 'default';
const kindLabel = (kind: string) => t(`notify.kind.${kind}`);

/**
 * What the signed-in person is told, and how: their e-mail address and language, the kinds they
 * want (the others muted), e-mail on or off, each at once or a daily or weekly digest; "as the
 * deployment" follows the Secretariat's defaults. The Secretariat sets those defaults below.
 */
export function NotificationsPage() {
  const s = useStore(session);
  const { data, error, loading } = useQuery(() => get<Preferences>('/notifications/preferences'), []);
  if (error && !data) return <ProblemNote problem={error} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  return (
    <div class="narrow">
      <h1>{t('notify.title')}</h1>
      <p>{t('notify.intro')}</p>
      <OwnPreferences data={data} />
      {s?.claims.role === 'secretariat' && <DeploymentDefaults defaults={data.defaults} kinds={data.kinds} />}
    </div>
  );
}

function OwnPreferences({ data }: { data: Preferences }) {
  const lang = useLanguage();
  const form = useCommandForm();
  const entry = data.entry;
  const [email, setEmail] = useState(entry?.email ?? '');
  const [language, setLanguageChoice] = useState<string>(entry?.language ?? lang);
  const [channel, setChannel] = useState<string>(entry?.channels ? (entry.channels.includes('email') ? 'email' : 'none') : DEFAULT);
  const [kindsChosen, setKindsChosen] = useState(entry?.mutedKinds !== null && entry?.mutedKinds !== undefined);
  const [wanted, setWanted] = useState<string[]>(data.kinds.filter((k) => !(entry?.mutedKinds ?? data.defaults.mutedKinds).includes(k)));
  const [digest, setDigest] = useState<string>(entry?.digest ?? DEFAULT);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [email, language, channel, wanted, digest, kindsChosen]);
  const defaults = data.defaults;
  return (
    <Section id="own" title={t('notify.own')} note={entry ? undefined : t('notify.notRegistered')}>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          await postPlain<Preferences>('/notifications/preferences', {
            email,
            language,
            channels: channel === DEFAULT ? null : channel === 'email' ? ['email'] : [],
            mutedKinds: kindsChosen ? data.kinds.filter((k) => !wanted.includes(k)) : null,
            digest: digest === DEFAULT ? null : digest,
          });
          setSaved(true);
        })}
      >
        <ErrorSummary form={form} fieldIds={{ '/email': 'notify-email', '/language': 'notify-language' }} />
        <Field form={form} id="notify-email" path="/email" label={t('notify.email')}>
          {(a) => <input {...a} type="email" autocomplete="email" value={email} onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <Field form={form} id="notify-language" path="/language" label={t('notify.language')}>
          {(a) => (
            <select {...a} value={language} onChange={(e) => setLanguageChoice((e.currentTarget as HTMLSelectElement).value)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {NATIVE[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <RadioGroup
          form={form}
          id="notify-channel"
          path="/channels"
          legend={t('notify.channel')}
          options={[
            [DEFAULT, t('notify.asDeployment', { value: defaults.channels.includes('email') ? t('notify.channel.email') : t('notify.channel.none') })],
            ['email', t('notify.channel.email')],
            ['none', t('notify.channel.none')],
          ]}
          value={channel}
          onChange={setChannel}
        />
        <RadioGroup
          form={form}
          id="notify-digest"
          path="/digest"
          legend={t('notify.digest')}
          options={[[DEFAULT, t('notify.asDeployment', { value: t(`notify.digest.${defaults.digest}`) })], ...FREQUENCIES.map((f) => [f, t(`notify.digest.${f}`)] as const)]}
          value={digest}
          onChange={setDigest}
        />
        <label class="check">
          <input type="checkbox" checked={kindsChosen} onChange={(e) => setKindsChosen((e.currentTarget as HTMLInputElement).checked)} /> {t('notify.chooseKinds')}
        </label>
        {kindsChosen && (
          <CheckboxGroup form={form} id="notify-kinds" path="/mutedKinds" legend={t('notify.kinds')} options={data.kinds} labelOf={kindLabel} value={wanted} onChange={setWanted} />
        )}
        <Button busy={form.busy}>{t('notify.save')}</Button>
        {saved && (
          <p role="status" class="hint">
            {t('notify.saved')}
          </p>
        )}
      </form>
    </Section>
  );
}

function DeploymentDefaults({ defaults, kinds }: { defaults: Defaults; kinds: readonly string[] }) {
  const form = useCommandForm();
  const [email, setEmail] = useState(defaults.channels.includes('email') ? 'email' : 'none');
  const [wanted, setWanted] = useState<string[]>(kinds.filter((k) => !(defaults.mutedKinds as string[]).includes(k)));
  const [digest, setDigest] = useState<string>(defaults.digest);
  const [saved, setSaved] = useState(false);
  return (
    <Section id="defaults" title={t('notify.defaults')} note={t('notify.defaultsNote')}>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          await postPlain<Defaults>('/notifications/defaults', { channels: email === 'email' ? ['email'] : [], mutedKinds: kinds.filter((k) => !wanted.includes(k)), digest });
          setSaved(true);
        })}
      >
        <ErrorSummary form={form} />
        <RadioGroup
          form={form}
          id="defaults-channel"
          path="/channels"
          legend={t('notify.channel')}
          options={[
            ['email', t('notify.channel.email')],
            ['none', t('notify.channel.none')],
          ]}
          value={email}
          onChange={setEmail}
        />
        <RadioGroup form={form} id="defaults-digest" path="/digest" legend={t('notify.digest')} options={FREQUENCIES.map((f) => [f, t(`notify.digest.${f}`)] as const)} value={digest} onChange={setDigest} />
        <CheckboxGroup form={form} id="defaults-kinds" path="/mutedKinds" legend={t('notify.kinds')} options={kinds} labelOf={kindLabel} value={wanted} onChange={setWanted} />
        <Button busy={form.busy}>{t('notify.saveDefaults')}</Button>
        {saved && (
          <p role="status" class="hint">
            {t('notify.saved')}
          </p>
        )}
      </form>
    </Section>
  );
}

/** The link in an e-mail: stop e-mails of one kind, without signing in (a button, so that a mail scanner's visit changes nothing). */
export function UnsubscribePage() {
  const { search } = useRoute();
  const token = search.get('token') ?? '';
  const kind = search.get('kind') ?? '';
  const form = useCommandForm();
  const [done, setDone] = useState(false);
  return (
    <div class="narrow">
      <h1>{t('notify.unsubscribe.title')}</h1>
      {done ? (
        <p role="status">{t('notify.unsubscribe.done', { kind: kindLabel(kind) })}</p>
      ) : (
        <form
          noValidate
          onSubmit={form.submit(async () => {
            await postPlain('/notifications/unsubscribe', { token, kind });
            setDone(true);
          })}
        >
          <ErrorSummary form={form} />
          <p>{t('notify.unsubscribe.intro', { kind: kindLabel(kind) })}</p>
          <Button busy={form.busy}>{t('notify.unsubscribe.submit')}</Button>
        </form>
      )}
      <p>
        <Link href="/notifications">{t('notify.title')}</Link>
      </p>
    </div>
  );
}
