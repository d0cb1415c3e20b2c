import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * For a detail route whose answer carries its stream's `version`: that version is the answer's
 * strong ETag, the one a command takes in `If-Match` (and `If-None-Match` answers 304).
 */
@Injectable()
export class VersionETag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number' && Number.isSafeInteger(version)) res.setHeader('ETag', `"${version}"`);
        return body;
      }),
    );
  }
}
