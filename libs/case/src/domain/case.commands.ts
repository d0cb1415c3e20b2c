import { assertUnreachable } from '@ta/core';
import type { EngagementCommand } from './engagement/engagement.commands';
import type { OfferCommand } from './offer/offer.commands';
import type { RequestCommand } from './request/request.commands';
import { engagementStreamId, offerStreamId, requestStreamId } from './shared/stream-ids';

export type CaseCommand = RequestCommand | OfferCommand | EngagementCommand;

/** The stream a command is decided on: lets a runner dispatch process-manager output. */
export function targetStreamId(command: CaseCommand): string {
  switch (command.type) {
    case 'SubmitRequest':
    case 'AmendRequest':
    case 'TriageRequest':
    case 'ReturnForClarification':
    case 'ProvideClarification':
    case 'DeclineRequest':
    case 'WithdrawRequest':
    case 'MarkMatched':
    case 'StartDelivery':
    case 'MarkDelivered':
    case 'RecordFollowUp':
    case 'CloseRequest':
    case 'RestrictRequest':
    case 'OpenRequest':
    case 'TranslateRequestText':
      return requestStreamId(command.requestId);
    case 'RegisterOffer':
    case 'CommitCapacity':
    case 'ReleaseCapacity':
    case 'WithdrawOffer':
    case 'ExpireOffer':
    case 'ExtendOffer':
    case 'AmendOffer':
    case 'TranslateOfferText':
      return offerStreamId(command.offerId);
    case 'ProposeEngagement':
    case 'AcceptEngagement':
    case 'DeclineEngagement':
    case 'ActivateEngagement':
    case 'CancelEngagement':
    case 'PlanMilestone':
    case 'ReportMilestoneDone':
    case 'ConfirmMilestone':
    case 'DisputeMilestone':
    case 'AnswerMilestoneDispute':
    case 'ResolveMilestoneDispute':
    case 'RescheduleMilestone':
    case 'CompleteEngagement':
    case 'AcknowledgeCompletion':
    case 'ContestCompletion':
    case 'TranslateEngagementText':
      return engagementStreamId(command.engagementId);
    default:
      return assertUnreachable(command, 'Unknown case command');
  }
}
