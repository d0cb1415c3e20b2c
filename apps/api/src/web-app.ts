import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where the web app is served; the API's own routes are untouched. */
export const WEB_BASE = '/app/';

/**
 * Serves the built web app (`npm run build:web`, into dist/web; WEB_DIST_DIR to override)
 * under /app/, with a fallback to its index.html for the app's own client-side routes, and
 * sends `/` there. Without a build the API runs alone.
 */
export function serveWebApp(app: NestExpressApplication, dir: string = resolve(process.cwd(), 'dist/web')): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(dir, { prefix: WEB_BASE, index: false, maxAge: '1h', immutable: false, setHeaders: (res, path) => {
    // Hashed assets never change; index.html is never cached.
    if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/') return res.redirect(302, WEB_BASE);
    if (req.path === '/app' || (req.path.startsWith(WEB_BASE) && !req.path.startsWith(`${WEB_BASE}assets/`))) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    }
    return next();
  });
  return true;
}
