import { IllegalStateError, assertUnreachable, type Decider, type DomainEvent } from '@ta/core';

/**
 * The invitation to record a lesson learned that a delivered engagement (completed, or
 * acknowledged by the State) gives its two parties, the provider and the recipient State
 * (resolution 3/2, para 3). It awaits each party in its work queue until the party records a
 * lesson naming the engagement or dismisses the step; dismissing is this stream's only event.
 * The engagement's facts (delivered or not) come in with the command.
 */
export type LessonParty = 'provider' | 'state';
export const LESSON_PARTIES: readonly LessonParty[] = ['provider', 'state'];

export interface DismissLessonInvitation {
  readonly type: 'DismissLessonInvitation';
  readonly engagementId: string;
  readonly party: LessonParty;
  /** Whether the engagement was delivered when the command was sent (read from its stream). */
  readonly delivered: boolean;
  readonly at: string;
}
export type LessonInvitationCommand = DismissLessonInvitation;

export type LessonInvitationDismissed = DomainEvent<'LessonInvitationDismissed', { readonly engagementId: string; readonly party: LessonParty; readonly at: string }>;
export type LessonInvitationEvent = LessonInvitationDismissed;

export const lessonInvitationEventSchemaVersions = { LessonInvitationDismissed: 1 } as const satisfies Record<LessonInvitationEvent['type'], number>;

export const LESSON_INVITATION_STREAM_PREFIX = 'lesson-invitation-';
export const lessonInvitationStreamId = (engagementId: string) => `${LESSON_INVITATION_STREAM_PREFIX}${engagementId}`;

export interface LessonInvitationState {
  /** The parties that dismissed the step. */
  readonly dismissed: readonly LessonParty[];
}
export const initialLessonInvitationState = (): LessonInvitationState => ({ dismissed: [] });

export function evolveLessonInvitation(state: LessonInvitationState, event: LessonInvitationEvent): LessonInvitationState {
  const type: LessonInvitationEvent['type'] = event.type;
  switch (type) {
    case 'LessonInvitationDismissed':
      return state.dismissed.includes(event.data.party) ? state : { dismissed: [...state.dismissed, event.data.party] };
    default:
      return assertUnreachable(type, 'Unknown lesson invitation event');
  }
}

export function decideLessonInvitation(command: LessonInvitationCommand, state: LessonInvitationState): LessonInvitationEvent[] {
  const type: LessonInvitationCommand['type'] = command.type;
  switch (type) {
    case 'DismissLessonInvitation':
      if (!command.delivered) throw new IllegalStateError('practice.engagement_not_delivered', 'A lesson is invited once the engagement is completed: there is nothing to dismiss yet');
      // Dismissing again changes nothing.
      if (state.dismissed.includes(command.party)) return [];
      return [{ type: 'LessonInvitationDismissed', data: { engagementId: command.engagementId, party: command.party, at: command.at } }];
    default:
      return assertUnreachable(type, 'Unknown lesson invitation command');
  }
}

export const lessonInvitationDecider: Decider<LessonInvitationCommand, LessonInvitationEvent, LessonInvitationState> = {
  decide: decideLessonInvitation,
  evolve: evolveLessonInvitation,
  initialState: initialLessonInvitationState,
};
