import { IllegalStateError, NotFoundError, assertUnreachable, type Decider } from '@ta/core';
import { assertLocalizedText } from '@ta/codelists';
import { isEligible } from '../offer/offer.eligibility';
import { capacityUnit } from '../offer/offer.state';
import { assertDate, assertTimestamp, dateOf, daysBetween, type IsoDate, type IsoTimestamp } from '../shared/time';
import { assertArray, assertId, assertOneOf, assertPositiveInteger, assertReason, assertText, invalid } from '../shared/validation';
import type {
  AcceptEngagement,
  AnswerMilestoneDispute,
  ResolveMilestoneDispute,
  AcknowledgeCompletion,
  ContestCompletion,
  ActivateEngagement,
  CancelEngagement,
  CompleteEngagement,
  ConfirmMilestone,
  DeclineEngagement,
  DisputeMilestone,
  EngagementCommand,
  Party,
  PlanMilestone,
  ProposeEngagement,
  ReportMilestoneDone,
  RescheduleMilestone,
  TranslateEngagementText,
} from './engagement.commands';
import type { EngagementEvent } from './engagement.events';
import { assertTranslation } from '../texts/case-texts';
import {
  evolveEngagement,
  initialEngagementState,
  type EngagementDetails,
  type EngagementState,
  type EngagementStatus,
  type Milestone,
  type MilestoneStatus,
} from './engagement.state';

export const ENGAGEMENT_TEXT_LIMITS = { proposalReason: 500, milestoneTitle: 200, milestoneNotes: 2000 } as const;

const PARTIES: readonly Party[] = ['state', 'provider'];

export function decideEngagement(command: EngagementCommand, state: EngagementState): EngagementEvent[] {
  assertTimestamp(command.at);
  switch (command.type) {
    case 'ProposeEngagement':
      return propose(command, state);
    case 'AcceptEngagement':
      return accept(command, existing(state));
    case 'DeclineEngagement':
      return decline(command, existing(state));
    case 'ActivateEngagement':
      return activate(command, existing(state));
    case 'CancelEngagement':
      return cancel(command, existing(state));
    case 'PlanMilestone':
      return planMilestone(command, existing(state));
    case 'ReportMilestoneDone':
      return reportMilestone(command, existing(state));
    case 'ConfirmMilestone':
      return confirmMilestone(command, existing(state));
    case 'DisputeMilestone':
      return disputeMilestone(command, existing(state));
    case 'AnswerMilestoneDispute':
      return answerDispute(command, existing(state));
    case 'ResolveMilestoneDispute':
      return resolveDispute(command, existing(state));
    case 'RescheduleMilestone':
      return rescheduleMilestone(command, existing(state));
    case 'CompleteEngagement':
      return complete(command, existing(state));
    case 'AcknowledgeCompletion':
      return acknowledgeCompletion(command, existing(state));
    case 'ContestCompletion':
      return contestCompletion(command, existing(state));
    case 'TranslateEngagementText':
      return translate(command, existing(state));
    default:
      return assertUnreachable(command, 'Unknown engagement command');
  }
}

export const engagementDecider: Decider<EngagementCommand, EngagementEvent, EngagementState> = {
  decide: decideEngagement,
  evolve: evolveEngagement,
  initialState: initialEngagementState,
};

export interface OverdueMilestone {
  readonly milestoneId: string;
  readonly dueDate: IsoDate;
  readonly status: MilestoneStatus;
  readonly daysOverdue: number;
}

/** Milestones of an active engagement whose due date has passed without confirmation. Pure. */
export function overdueMilestones(state: EngagementState, at: IsoTimestamp): OverdueMilestone[] {
  if (state.status !== 'active') return [];
  const today = dateOf(at);
  return state.milestones
    .filter((m) => m.status !== 'confirmed' && m.dueDate < today)
    .map((m) => ({ milestoneId: m.milestoneId, dueDate: m.dueDate, status: m.status, daysOverdue: daysBetween(m.dueDate, today) }));
}

function existing(state: EngagementState): EngagementDetails {
  if (state.status === 'empty') throw new NotFoundError('engagement.not_found', 'No such engagement');
  return state;
}

function requireStatus(state: EngagementDetails, allowed: readonly EngagementStatus[], code: string, message: string): void {
  if (!allowed.includes(state.status)) throw new IllegalStateError(code, `${message} (status: ${state.status})`, { status: state.status });
}

function ref(state: EngagementDetails, at: IsoTimestamp) {
  return { engagementId: state.engagementId, requestId: state.requestId, offerId: state.offerId, at };
}

function propose(c: ProposeEngagement, state: EngagementState): EngagementEvent[] {
  if (state.status !== 'empty') throw new IllegalStateError('engagement.already_proposed', 'The engagement was already proposed');
  assertId(c.engagementId, '/engagementId');
  assertId(c.requestId, '/requestId');
  assertId(c.offerId, '/offerId');
  const amount = assertPositiveInteger(c.amount, '/amount');
  if (typeof c.score !== 'number' || !Number.isFinite(c.score)) throw invalid('/score', 'must be a finite number');
  const reasons = assertArray(c.reasons, '/reasons', { min: 1 }).map((r, i) => assertText(r, `/reasons/${i}`, ENGAGEMENT_TEXT_LIMITS.proposalReason));

  const offer = c.offer;
  if (offer.status === 'empty') throw new NotFoundError('offer.not_found', 'No such offer', { offerId: c.offerId });
  if (offer.offerId !== c.offerId) throw invalid('/offer', `the snapshot is of offer ${offer.offerId}, not ${c.offerId}`);
  if (c.request.status !== 'open_for_offers') {
    throw new IllegalStateError('engagement.request_not_open', `The request is not open for offers (status: ${c.request.status})`, { status: c.request.status });
  }
  const ineligible = isEligible(offer, { country: c.request.country, at: c.at, amount });
  const blocking = ineligible.filter((reason) => reason !== 'insufficient_capacity');
  if (blocking.length > 0) {
    throw new IllegalStateError('engagement.offer_not_eligible', `The offer cannot serve this request: ${blocking.join(', ')}`, { reasons: blocking });
  }
  if (ineligible.includes('insufficient_capacity')) {
    throw new IllegalStateError('engagement.insufficient_capacity', 'The offer has not enough capacity left', { requested: amount });
  }
  return [
    {
      type: 'EngagementProposed',
      data: {
        engagementId: c.engagementId,
        requestId: c.requestId,
        offerId: c.offerId,
        at: c.at,
        providerId: offer.providerId,
        ...(c.implementerId !== undefined && c.implementerId !== offer.providerId ? { implementerId: assertId(c.implementerId, '/implementerId') } : {}),
        country: c.request.country,
        amount,
        unit: capacityUnit(offer.capacity),
        score: c.score,
        reasons,
      },
    },
  ];
}

/** The second acceptance, by either party, also agrees the engagement. */
function accept(c: AcceptEngagement, state: EngagementDetails): EngagementEvent[] {
  const party = assertOneOf(c.party, PARTIES, '/party');
  if (state.acceptedBy.includes(party)) throw new IllegalStateError('engagement.already_accepted', `The ${party} has already accepted`, { party });
  requireStatus(state, ['proposed'], 'engagement.not_proposed', 'Only a proposed engagement can be accepted');
  const accepted: EngagementEvent = { type: 'EngagementAccepted', data: { ...ref(state, c.at), party } };
  if (state.acceptedBy.length === 0) return [accepted];
  return [accepted, { type: 'EngagementAgreed', data: { ...ref(state, c.at), amount: state.amount, unit: state.unit } }];
}

function decline(c: DeclineEngagement, state: EngagementDetails): EngagementEvent[] {
  const party = assertOneOf(c.party, PARTIES, '/party');
  requireStatus(state, ['proposed'], 'engagement.not_proposed', 'Only a proposed engagement can be declined');
  return [{ type: 'EngagementDeclined', data: { ...ref(state, c.at), party, reason: assertReason(c.reason) } }];
}

/** Idempotent: an active engagement stays as it is. */
function activate(c: ActivateEngagement, state: EngagementDetails): EngagementEvent[] {
  if (state.status === 'active') return [];
  requireStatus(state, ['agreed'], 'engagement.not_agreed', 'Only an agreed engagement can be activated');
  return [{ type: 'EngagementActivated', data: ref(state, c.at) }];
}

/** Idempotent: a cancelled engagement stays as it is. */
function cancel(c: CancelEngagement, state: EngagementDetails): EngagementEvent[] {
  if (state.status === 'cancelled') return [];
  const reason = assertReason(c.reason);
  const previousStatus = state.status;
  if (previousStatus !== 'proposed' && previousStatus !== 'agreed' && previousStatus !== 'active') {
    throw new IllegalStateError('engagement.not_cancellable', `A ${previousStatus} engagement cannot be cancelled`, { status: previousStatus });
  }
  return [{ type: 'EngagementCancelled', data: { ...ref(state, c.at), reason, previousStatus } }];
}

function requireActive(state: EngagementDetails): void {
  requireStatus(state, ['active'], 'engagement.not_active', 'The engagement is not active');
}

function milestone(state: EngagementDetails, milestoneId: string): Milestone {
  const found = state.milestones.find((m) => m.milestoneId === milestoneId);
  if (!found) throw new NotFoundError('engagement.milestone_not_found', 'No such milestone', { milestoneId });
  return found;
}

function requireMilestoneStatus(m: Milestone, allowed: readonly MilestoneStatus[], code: string, message: string): void {
  if (!allowed.includes(m.status)) throw new IllegalStateError(code, `${message} (milestone status: ${m.status})`, { milestoneId: m.milestoneId, status: m.status });
}

function planMilestone(c: PlanMilestone, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const milestoneId = assertId(c.milestoneId, '/milestoneId');
  if (state.milestones.some((m) => m.milestoneId === milestoneId)) {
    throw new IllegalStateError('engagement.milestone_exists', 'A milestone with this id is already planned', { milestoneId });
  }
  const title = assertLocalizedText(c.title, '/title', { maxLength: ENGAGEMENT_TEXT_LIMITS.milestoneTitle });
  const dueDate = assertDate(c.dueDate, '/dueDate');
  return [{ type: 'MilestonePlanned', data: { ...ref(state, c.at), milestoneId, title, dueDate } }];
}

function reportMilestone(c: ReportMilestoneDone, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  requireMilestoneStatus(m, ['scheduled', 'rescheduled', 'disputed'], 'engagement.milestone_not_reportable', 'The milestone cannot be reported done');
  const notes = c.notes === undefined ? undefined : assertLocalizedText(c.notes, '/notes', { maxLength: ENGAGEMENT_TEXT_LIMITS.milestoneNotes });
  return [{ type: 'MilestoneReported', data: { ...ref(state, c.at), milestoneId: m.milestoneId, ...(notes ? { notes } : {}) } }];
}

function confirmMilestone(c: ConfirmMilestone, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  requireMilestoneStatus(m, ['reported'], 'engagement.milestone_not_reported', 'Only a milestone reported done can be confirmed');
  return [{ type: 'MilestoneConfirmed', data: { ...ref(state, c.at), milestoneId: m.milestoneId } }];
}

function disputeMilestone(c: DisputeMilestone, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  requireMilestoneStatus(m, ['reported'], 'engagement.milestone_not_reported', 'Only a milestone reported done can be disputed');
  return [{ type: 'MilestoneDisputed', data: { ...ref(state, c.at), milestoneId: m.milestoneId, reason: assertReason(c.reason) } }];
}

/** The provider's answer to the dispute, once per dispute; the milestone stays disputed. */
function answerDispute(c: AnswerMilestoneDispute, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  requireMilestoneStatus(m, ['disputed'], 'engagement.milestone_not_disputed', 'Only a disputed milestone can be answered');
  if (m.disputeAnswered) throw new IllegalStateError('engagement.dispute_already_answered', 'The provider already answered this dispute', { milestoneId: m.milestoneId });
  return [{ type: 'MilestoneDisputeAnswered', data: { ...ref(state, c.at), milestoneId: m.milestoneId, answer: assertReason(c.answer, '/answer') } }];
}

/** The Secretariat's resolution: upheld, the milestone is due again on a new date; dismissed, it is confirmed. */
function resolveDispute(c: ResolveMilestoneDispute, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  requireMilestoneStatus(m, ['disputed'], 'engagement.milestone_not_disputed', 'Only a disputed milestone can be resolved');
  const outcome = assertOneOf(c.outcome, ['upheld', 'dismissed'] as const, '/outcome');
  let dueDate: IsoDate | null = null;
  if (outcome === 'upheld') dueDate = assertDate(c.dueDate, '/dueDate');
  else if (c.dueDate !== undefined && c.dueDate !== null) throw invalid('/dueDate', 'a dismissed dispute sets no new due date');
  const reason = assertReason(c.reason);
  return [{ type: 'MilestoneDisputeResolved', data: { ...ref(state, c.at), milestoneId: m.milestoneId, outcome, reason, previousDueDate: m.dueDate, dueDate } }];
}

/** Any milestone not yet confirmed; a reported one must then be reported again. */
function rescheduleMilestone(c: RescheduleMilestone, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  const m = milestone(state, c.milestoneId);
  if (m.status === 'confirmed') {
    throw new IllegalStateError('engagement.milestone_confirmed', 'A confirmed milestone cannot be rescheduled', { milestoneId: m.milestoneId });
  }
  const dueDate = assertDate(c.dueDate, '/dueDate');
  const reason = assertReason(c.reason);
  return [{ type: 'MilestoneRescheduled', data: { ...ref(state, c.at), milestoneId: m.milestoneId, previousDueDate: m.dueDate, dueDate, reason } }];
}

function complete(c: CompleteEngagement, state: EngagementDetails): EngagementEvent[] {
  requireActive(state);
  if (state.milestones.length === 0) throw new IllegalStateError('engagement.no_milestones', 'An engagement completes with at least one milestone');
  const pending = state.milestones.filter((m) => m.status !== 'confirmed').map((m) => m.milestoneId);
  if (pending.length > 0) {
    throw new IllegalStateError('engagement.milestones_not_confirmed', `Milestones not confirmed: ${pending.join(', ')}`, { milestoneIds: pending });
  }
  return [{ type: 'EngagementCompleted', data: ref(state, c.at) }];
}

function requireCompleted(state: EngagementDetails): void {
  requireStatus(state, ['completed'], 'engagement.not_completed', 'Only a completed engagement awaiting acknowledgement can be acknowledged or contested');
}

function acknowledgeCompletion(c: AcknowledgeCompletion, state: EngagementDetails): EngagementEvent[] {
  requireCompleted(state);
  return [{ type: 'CompletionAcknowledged', data: ref(state, c.at) }];
}

/** Back to active: the provider can plan more milestones, report them and complete again. */
function contestCompletion(c: ContestCompletion, state: EngagementDetails): EngagementEvent[] {
  requireCompleted(state);
  return [{ type: 'CompletionContested', data: { ...ref(state, c.at), reason: assertReason(c.reason) } }];
}

/** A translation of one of its texts (its milestones' included), in any status. */
function translate(c: TranslateEngagementText, state: EngagementDetails): EngagementEvent[] {
  const t = assertTranslation(state.texts, c);
  return [{ type: 'EngagementTextTranslated', data: { ...ref(state, c.at), ...t } }];
}
