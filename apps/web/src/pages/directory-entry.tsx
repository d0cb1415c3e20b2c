import { CommandButton, TextCommand } from '../components/actions';
import { Badge, Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { OrganisationView } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, language, localized, t } from '../lib/i18n';
import { articleLabel, countryLabel, taTypeLabel } from '../lib/labels';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

/** One entry of the directory: what it is, an authority's areas and contact point, and what the reader may do with it. */
export function DirectoryEntryPage({ id }: { id: string }) {
  const s = useStore(session)!;
  const lang = useStore(language);
  const q = useQuery(() => get<OrganisationView>(`/directory/organisations/${encodeURIComponent(id)}`, { lang }), [id, lang]);
  const o = q.data;
  const role = s.claims.role;
  const today = new Date().toISOString().slice(0, 10);
  const ownState = o?.kind === 'national_authority' && role === 'state' && s.claims.country === o.country;
  const name = o ? localized(o.names) : null;
  return (
    <div data-ready={o ? 'true' : 'false'}>
      {q.error && <ProblemNote problem={q.error} />}
      {!o && !q.error && <Loading />}
      {o && name && (
        <>
          <h1 lang={name.lang}>{o.name}</h1>
          <p>
            {t(`orgKind.${o.kind}`)} · <Badge kind="orgStatus" code={o.status} />
          </p>
          <dl class="facts">
            <dt>{t('col.country')}</dt>
            <dd>{o.country ? countryLabel(o.country) : '—'}</dd>
            {o.iatiIdentifier && (
              <>
                <dt>{t('entry.iati')}</dt>
                <dd dir="ltr">{o.iatiIdentifier}</dd>
              </>
            )}
            {o.addresses.length > 0 && (
              <>
                <dt>{t('entry.addresses')}</dt>
                <dd>
                  {o.addresses.map((a) => (
                    <div key={a}>{a}</div>
                  ))}
                </dd>
              </>
            )}
            {o.website && (
              <>
                <dt>{t('entry.website')}</dt>
                <dd dir="ltr">
                  <a href={o.website} rel="noopener noreferrer external">
                    {o.website}
                  </a>
                </dd>
              </>
            )}
            {o.providerIds.length > 0 && (
              <>
                <dt>{t('entry.providerIds')}</dt>
                <dd dir="ltr">{o.providerIds.join(', ')}</dd>
              </>
            )}
          </dl>
          {o.authority && (
            <Section id="entry-areas" title={t('directory.areas')}>
              <dl class="facts">
                <dt>{t('field.articles')}</dt>
                <dd data-testid="entry-articles">{o.authority.articles.map(articleLabel).join('; ')}</dd>
                <dt>{t('field.taTypes')}</dt>
                <dd>{o.authority.taTypes.map(taTypeLabel).join('; ')}</dd>
                <dt>{t('field.languages')}</dt>
                <dd>{o.authority.languages.map(fmt.languageName).join(', ')}</dd>
                <dt>{t('entry.notifiedOn')}</dt>
                <dd>{fmt.date(o.authority.notifiedOn)}</dd>
                {o.authority.noteVerbale && (
                  <>
                    <dt>{t('entry.noteVerbale')}</dt>
                    <dd>{o.authority.noteVerbale}</dd>
                  </>
                )}
                {o.authority.withdrawnOn && (
                  <>
                    <dt>{t('entry.withdrawnOn')}</dt>
                    <dd>{fmt.date(o.authority.withdrawnOn)}</dd>
                  </>
                )}
              </dl>
              {o.authority.contactPoint && (
                <div class="contact" data-testid="entry-contact">
                  <h3>{t('entry.contactPoint')}</h3>
                  <p class="hint">{t('entry.contactHint')}</p>
                  <p>
                    {o.authority.contactPoint.name} ·{' '}
                    <a href={`mailto:${o.authority.contactPoint.email}`} dir="ltr">
                      {o.authority.contactPoint.email}
                    </a>
                    {o.authority.contactPoint.phone && <span dir="ltr"> · {o.authority.contactPoint.phone}</span>}
                  </p>
                </div>
              )}
            </Section>
          )}
          {role === 'secretariat' && o.kind !== 'national_authority' && o.status !== 'closed' && (
            <Section id="entry-actions" title={t('entry.actions')}>
              {(o.status === 'proposed' || o.status === 'suspended') && <CommandButton id="entry-verify" label={t('entry.verify')} path={`/directory/organisations/${encodeURIComponent(o.id)}/verify`} />}
              {o.status === 'verified' && (
                <TextCommand id="entry-suspend" title={t('entry.suspend')} label={t('entry.suspendReason')} button={t('entry.suspend')} path={`/directory/organisations/${encodeURIComponent(o.id)}/suspend`} field="reason" variant="danger" />
              )}
            </Section>
          )}
          {(ownState || role === 'secretariat') && o.kind === 'national_authority' && o.status === 'verified' && (
            <p>
              <Link href={`/directory/${encodeURIComponent(o.id)}/change`} class="btn btn-secondary">
                {t('entry.change')}
              </Link>
            </p>
          )}
          {ownState && o.status === 'verified' && (
            <Section id="entry-actions" title={t('entry.actions')}>
              <TextCommand
                id="entry-withdraw"
                title={t('entry.withdraw')}
                label={t('entry.withdrawReason')}
                button={t('entry.withdraw')}
                path={`/directory/authorities/${encodeURIComponent(o.id)}/withdraw`}
                field="reason"
                variant="danger"
                extra={{ notifiedOn: today }}
              />
            </Section>
          )}
        </>
      )}
    </div>
  );
}
