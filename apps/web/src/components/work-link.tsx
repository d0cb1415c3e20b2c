import { useEffect, useState } from 'preact/hooks';
import { useQuery } from './ui';
import { session } from '../lib/auth';
import { fmt, t } from '../lib/i18n';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { myTasks } from '../lib/work-load';
import type { WorkRole } from '../lib/work-queue';

const WORK_ROLES: readonly string[] = ['state', 'secretariat', 'donor', 'authority'] satisfies WorkRole[];

/** How long after the app opens the header's count is first read. */
const COUNT_DELAY_MS = 1500;

/**
 * The header's "My work" link with the number of steps awaiting the signed-in actor (the same
 * lists as the page, read once for both; again when an event arrives). The link is named in
 * words ("My work, 3 awaiting your action"), starting with its visible text.
 */
export function WorkLink({ current }: { current: boolean }) {
  const claims = useStore(session)?.claims;
  const role = claims && WORK_ROLES.includes(claims.role) ? (claims.role as WorkRole) : null;
  // The count waits a moment after the app opens, so that its reads (up to 30 for a State or
  // a provider) do not compete with the first page's own; on My work it is the page's answer.
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), COUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  const q = useQuery(
    async () => (armed && role && claims ? (await myTasks(role, claims.country, claims.organisation ?? claims.sub)).length : 0),
    [armed, role, claims?.country, claims?.organisation, claims?.sub],
  );
  const n = q.data ?? 0;
  return (
    <Link
      href="/work"
      aria-current={current ? 'page' : undefined}
      data-testid="nav-work"
      aria-label={n > 0 ? `${t('nav.work')}, ${t('nav.workCount', { count: fmt.number(n) })}` : undefined}
    >
      {t('nav.work')}
      {n > 0 && (
        <span class="nav-count" data-testid="work-count" data-count={n}>
          {fmt.number(n)}
        </span>
      )}
    </Link>
  );
}
