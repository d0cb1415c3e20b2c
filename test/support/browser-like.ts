/**
 * A client that keeps cookies per host and follows redirects one by one, as a browser would,
 * for HTTP-level tests of the sign-in flow (the Chromium tests in test/web drive a real browser).
 */
export class CookieClient {
  private readonly jar = new Map<string, Map<string, string>>();

  /** The cookies this client holds for a URL's host:port. */
  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    return this.jar.get(host)!;
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.cookies(url);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` (GET) until a response that is not one; returns it and the URLs visited. */
  async follow(url: string, init: RequestInit = {}): Promise<{ res: Response; url: string; visited: string[] }> {
    const visited: string[] = [];
    let current = url;
    let res = await this.fetch(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      visited.push(current);
      current = new URL(res.headers.get('location')!, current).toString();
      res = await this.fetch(current);
    }
    return { res, url: current, visited };
  }
}
