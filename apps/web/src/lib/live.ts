import { session } from './auth';
import { Store } from './store';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/** Bumped when the read models have caught up with new events: pages refetch. */
export const liveVersion = new Store(0);
export const liveStatus = new Store<LiveStatus>('connecting');

let source: EventSource | null = null;
let seen = -1;

/**
 * Listens to `GET /live` while signed in. EventSource cannot send headers, so a pasted token
 * goes as `access_token` (the API accepts it only on event streams); a provider's session
 * goes by its cookie.
 */
export function startLive(): void {
  connect();
  session.subscribe(() => {
    source?.close();
    source = null;
    seen = -1;
    connect();
  });
}

function connect(): void {
  const s = session.get();
  if (source || !s || typeof EventSource === 'undefined') return;
  liveStatus.set('connecting');
  source = new EventSource(s.token ? `/live?access_token=${encodeURIComponent(s.token)}` : '/live');
  source.onopen = () => liveStatus.set('live');
  source.onerror = () => liveStatus.set(source?.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
  source.addEventListener('position', (e) => {
    const g = Number((JSON.parse((e as MessageEvent<string>).data) as { globalPosition: number }).globalPosition);
    // The first announcement after connecting is the baseline the page was loaded at.
    if (seen >= 0 && g > seen) liveVersion.set(liveVersion.get() + 1);
    seen = Math.max(seen, g);
  });
}
