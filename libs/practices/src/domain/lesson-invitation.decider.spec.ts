import { IllegalStateError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import { lessonInvitationDecider, type LessonInvitationEvent } from './lesson-invitation.decider';

const spec = deciderSpec(lessonInvitationDecider);
const at = '2026-03-01T09:00:00Z';
const engagementId = '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c';
const dismissedByState: LessonInvitationEvent = { type: 'LessonInvitationDismissed', data: { engagementId, party: 'state', at } };

describe('the invitation to record a lesson from a delivered engagement', () => {
  it('is dismissed by a party of a delivered engagement', () =>
    spec.given([]).when({ type: 'DismissLessonInvitation', engagementId, party: 'state', delivered: true, at }).then([dismissedByState]));

  it('dismissed by one party still awaits the other; dismissing again changes nothing', () => {
    spec
      .given([dismissedByState])
      .when({ type: 'DismissLessonInvitation', engagementId, party: 'provider', delivered: true, at })
      .then([{ type: 'LessonInvitationDismissed', data: { engagementId, party: 'provider', at } }]);
    spec.given([dismissedByState]).when({ type: 'DismissLessonInvitation', engagementId, party: 'state', delivered: true, at }).then([]);
  });

  it('is not there to dismiss before the engagement is delivered', () =>
    spec.given([]).when({ type: 'DismissLessonInvitation', engagementId, party: 'provider', delivered: false, at }).thenThrows(IllegalStateError, 'practice.engagement_not_delivered'));
});
