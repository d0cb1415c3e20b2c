import type { CommandResult } from '@ta/platform';
export { contextFrom, parseIfMatch } from '@ta/platform/http';

/** The body every command answers with. */
export interface CommandResponse {
  /** The case, offer or engagement the command was about (or created). */
  readonly id: string;
  /** Other ids the command created, e.g. `milestoneId`. */
  readonly [createdId: string]: unknown;
  readonly version: number;
  /** Pass to queries as `minPosition` to read your own write. */
  readonly globalPosition: number;
  readonly logPosition: { commit: string; position: number } | null;
  readonly events: readonly string[];
  /** Pass to queries as `settled` to read once the platform's own steps that follow are done. */
  readonly correlationId?: string;
  readonly replayed: boolean;
}

export function toResponse(r: CommandResult): CommandResponse {
  const { id, ...created } = r.ids;
  return {
    id: id!,
    ...created,
    version: r.version,
    globalPosition: r.globalPosition,
    logPosition: r.logPosition,
    events: r.events,
    ...(r.correlationId !== undefined ? { correlationId: r.correlationId } : {}),
    replayed: r.replayed === true,
  };
}

export function etag(version: number): string {
  return `"${version}"`;
}
