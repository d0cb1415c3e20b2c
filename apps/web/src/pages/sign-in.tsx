import { useEffect, useState } from 'preact/hooks';
import { signIn } from '../lib/auth';
import { t, tMaybe } from '../lib/i18n';
import { Link, navigate, useRoute } from '../lib/router';

interface Provider {
  readonly id: string;
  readonly name: string;
}

/** A path of this app to return to after signing in; anything else goes to the work queue. */
function returnPath(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith('/sign-in') ? next : '/work';
}

export function SignInPage() {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [providers, setProviders] = useState<readonly Provider[]>([]);
  const { path, search } = useRoute();
  const failed = search.get('error');
  useEffect(() => {
    fetch('/auth/providers', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ providers: Provider[] }>) : { providers: [] }))
      .then((b) => setProviders(b.providers))
      .catch(() => setProviders([]));
  }, []);
  // back to the page the user opened (a link in a notification), else their work
  const next = returnPath(search.get('next') ?? (path === '/' ? null : path));
  return (
    <div class="narrow">
      <h1>{t('signIn.title')}</h1>
      {failed && (
        <p class="field-error" role="alert" id="sign-in-error">
          {tMaybe(`signIn.error.${failed}`) ?? t('signIn.error.sign_in.failed')}
        </p>
      )}
      {providers.length > 0 && (
        <>
          <p>{t('signIn.providers')}</p>
          <ul class="sign-in-providers">
            {providers.map((p) => (
              <li key={p.id}>
                <a class="btn btn-primary" data-provider={p.id} href={`/auth/sign-in/${encodeURIComponent(p.id)}?next=${encodeURIComponent(next)}`}>
                  {t('signIn.with', { name: p.name })}
                </a>
              </li>
            ))}
          </ul>
          <h2>{t('signIn.tokenTitle')}</h2>
        </>
      )}
      <p>{t('signIn.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const r = signIn(token);
          if (typeof r === 'string') setProblem(t(`signIn.${r}`));
          else navigate(search.get('next') ?? '/', { replace: true });
        }}
      >
        <div class={`field${problem ? ' has-error' : ''}`}>
          <label for="token">{t('signIn.token')}</label>
          <p class="hint" id="token-hint">
            {t('signIn.hint')}
          </p>
          {problem && (
            <p class="field-error" id="token-error" role="alert">
              {problem}
            </p>
          )}
          <textarea
            id="token"
            rows={5}
            spellcheck={false}
            autocomplete="off"
            aria-describedby={problem ? 'token-hint token-error' : 'token-hint'}
            aria-invalid={problem ? true : undefined}
            value={token}
            onInput={(e) => setToken((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          {t('signIn.submit')}
        </button>
      </form>
      <p class="hint">{t('signIn.storage')}</p>
      <p>
        <Link href="/public">{t('public.link')}</Link>
        <Link href="/public/directory">{t('publicDirectory.title')}</Link>
      </p>
    </div>
  );
}
