import { useEffect, useRef, useState } from 'preact/hooks';
import { session } from '../lib/auth';
import { fmt, t } from '../lib/i18n';
import { liveVersion } from '../lib/live';
import { Link, useRoute } from '../lib/router';
import { useStore } from '../lib/store';
import { myTasks } from '../lib/work-load';
import type { WorkRole } from '../lib/work-queue';

const WORK_ROLES: readonly string[] = ['state', 'secretariat', 'donor', 'authority'] satisfies WorkRole[];

/** How long after the app opens the header's count is first read, at the earliest... */
const FIRST_READ_MS = 1500;
/** ... and at the latest, when the page is still loading what it shows. */
const FIRST_READ_LATEST_MS = 8000;
/** At least this long between two reads of the count, away from My work. */
const MIN_INTERVAL_MS = 15_000;

/**
 * The header's "My work" link with the number of steps awaiting the signed-in actor: the same
 * lists as the page (read once for both on My work, where the count follows the page at once).
 * Elsewhere it is first read once the first page has loaded what it shows (1.5 s after the app
 * opens at the earliest, 8 s at the latest), so that its reads (up to about 30 for a State or a
 * provider) do not compete with the page's own; then again after events, at most every 15 s. The link is named in words ("My work, 3 awaiting your action"), starting with its
 * visible text.
 */
export function WorkLink({ current }: { current: boolean }) {
  const claims = useStore(session)?.claims;
  const version = useStore(liveVersion);
  const { path } = useRoute();
  const role = claims && WORK_ROLES.includes(claims.role) ? (claims.role as WorkRole) : null;
  const [n, setN] = useState(0);
  const opened = useRef(Date.now());
  const lastRead = useRef(0);
  useEffect(() => {
    if (!role || !claims) {
      setN(0);
      return;
    }
    let cancelled = false;
    const now = Date.now();
    const wait = path === '/work' ? 0 : Math.max(opened.current + FIRST_READ_MS - now, lastRead.current + MIN_INTERVAL_MS - now, 0);
    let timer: ReturnType<typeof setTimeout>;
    const read = () => {
      // The first read waits for the page to have loaded what it shows (its `data-ready`).
      if (lastRead.current === 0 && path !== '/work' && Date.now() < opened.current + FIRST_READ_LATEST_MS && document.querySelector('main [data-ready="false"], main .loading')) {
        timer = setTimeout(read, 250);
        return;
      }
      lastRead.current = Date.now();
      myTasks(role, claims.country, claims.organisation ?? claims.sub).then(
        (tasks) => !cancelled && setN(tasks.length),
        () => undefined, // the count stays as it was; the page says what went wrong
      );
    };
    timer = setTimeout(read, wait);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [role, claims?.country, claims?.organisation, claims?.sub, version, path]);
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
