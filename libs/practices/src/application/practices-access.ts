import { ForbiddenError } from '@ta/core';
import type { Actor, ActorRole } from '@ta/platform';
import type { LessonInvitationCommand, Practice, PracticeCommand, PracticeState } from '../domain';

/**
 * Who may do what with a practice: the one place where it is decided.
 * - Submitted by a State focal point (for its State), a provider or an authority (for its
 *   organisation) or the Secretariat.
 * - Reviewed and published by the Secretariat only.
 * - Translated, given documents and withdrawn by its contributor or the Secretariat.
 * - Read: a published practice by every signed-in reader (and the public where the deployment
 *   shows the public view); an unpublished one by the Secretariat and its contributor only.
 */
const SUBMITTERS: readonly ActorRole[] = ['state', 'donor', 'authority', 'secretariat'];

export function authorizePractice(command: PracticeCommand, actor: Actor, state: PracticeState): void {
  switch (command.type) {
    case 'SubmitPractice':
      if (!SUBMITTERS.includes(actor.role)) throw forbidden('access.role_not_allowed', `${command.type} is not allowed in the ${actor.role} role`);
      return;
    case 'StartPracticeReview':
    case 'PublishPractice':
      if (actor.role !== 'secretariat') throw forbidden('access.role_not_allowed', `${command.type} is for the Secretariat`);
      return;
    case 'TranslatePractice':
    case 'AttachPracticeDocument':
    case 'WithdrawPractice':
      if (actor.role === 'secretariat') return;
      if (state.status === 'empty' || !isContributor(actor, state)) throw forbidden('access.not_contributor', `${command.type} is for the practice's contributor or the Secretariat`);
      return;
  }
}

/** The contributor the submitting actor stands for (from its token, never from the body). */
export function contributorOf(actor: Actor): Practice['contributor'] {
  if (actor.role === 'state') return { organisation: null, country: actor.country ?? null };
  if (actor.role === 'secretariat') return { organisation: 'unodc', country: null };
  return { organisation: actor.organisation ?? null, country: null };
}

/** Who reads: an actor, or a report's viewer (role, country, organisation are all the rule uses). */
type Reader = Pick<Actor, 'role' | 'country' | 'organisation'>;

export function isContributor(actor: Reader, p: Pick<Practice, 'contributor'>): boolean {
  if (actor.role === 'state') return actor.country !== undefined && actor.country === p.contributor.country && p.contributor.organisation === null;
  return actor.organisation !== undefined && actor.organisation === p.contributor.organisation;
}

/** Whether the reader may see a practice (and its documents). `actor` undefined: the public. */
export function maySeePractice(actor: Reader | undefined, p: Pick<Practice, 'status' | 'contributor'>): boolean {
  if (p.status === 'published') return true;
  if (!actor) return false;
  if (actor.role === 'secretariat') return true;
  return p.status !== 'withdrawn' && isContributor(actor, p);
}

const forbidden = (code: string, message: string) => new ForbiddenError(code, message);

/** The 403 codes of each practice command (for the OpenAPI document). */
export function practiceForbiddenCodes(type: PracticeCommand['type'] | LessonInvitationCommand['type']): string[] {
  if (type === 'DismissLessonInvitation') return ['access.role_not_allowed'];
  return type === 'SubmitPractice' || type === 'StartPracticeReview' || type === 'PublishPractice' ? ['access.role_not_allowed'] : ['access.not_contributor'];
}
