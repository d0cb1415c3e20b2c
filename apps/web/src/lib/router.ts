import type { JSX } from 'preact';
import { h } from 'preact';
import { Store, useStore } from './store';

export const BASE = '/app';

function current(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return (p || '/') + location.search;
}

export const route = new Store<string>(current());
addEventListener('popstate', () => route.set(current()));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', BASE + to);
  else history.pushState(null, '', BASE + to);
  route.set(current());
  scrollTo(0, 0);
}

export function useRoute(): { path: string; search: URLSearchParams } {
  const r = useStore(route);
  const [path, search = ''] = r.split('?');
  return { path: path!, search: new URLSearchParams(search) };
}

/** `/requests/:id` against `/requests/abc` -> { id: 'abc' }. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.replace(/\/$/, '').split('/');
  if (pattern === '/' ) return path === '/' || path === '' ? {} : null;
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

/** An ordinary link (works with a new tab, keyboard, screen readers), routed in place. */
export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { href, ...rest } = props;
  return h('a', {
    ...rest,
    href: BASE + href,
    onClick: (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    },
  });
}
