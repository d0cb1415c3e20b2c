import { useState } from 'preact/hooks';
import { signIn } from '../lib/auth';
import { t } from '../lib/i18n';
import { Link, navigate, useRoute } from '../lib/router';

export function SignInPage() {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { search } = useRoute();
  return (
    <div class="narrow">
      <h1>{t('signIn.title')}</h1>
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
