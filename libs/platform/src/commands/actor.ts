/** Roles a person acts in. `system` is for the platform's own process managers only. */
export const ACTOR_ROLES = ['secretariat', 'state', 'donor', 'authority'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number] | 'system';

/** Who is acting: from a verified token (auth/auth.guard.ts), or the platform itself. */
export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
  /** A State focal point's country (ISO 3166-1 alpha-2). */
  readonly country?: string;
  /** A donor's organisation or an authority's registry id. */
  readonly organisation?: string;
  /**
   * Provider ids recorded before the directory that the directory maps to `organisation`
   * (set by the application from the directory, never from a token).
   */
  readonly providerIds?: readonly string[];
}
