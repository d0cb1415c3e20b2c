import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor } from '@ta/platform';
import { CurrentActor, PathId } from '@ta/platform/http';
import type { Party } from '../domain';
import { CommandSender } from './case-controller.support';
import { CommandRoute } from './command-route.decorator';
import { MilestonePlannedResponseDto } from './dto/command-response.dto';
import { ReasonDto } from './dto/common.dto';
import { AnswerDisputeDto, PlanMilestoneDto, ProposeEngagementDto, RescheduleMilestoneDto, ReportMilestoneDto, ResolveDisputeDto } from './dto/engagement.dto';

const uuid = new PathId('uuid');

/** The party an actor accepts or declines as: the State, or the provider. */
function partyOf(actor: Actor): Party {
  return actor.role === 'state' ? 'state' : 'provider';
}

@ApiTags('engagements (commands)')
@Controller('engagements')
export class EngagementsController {
  constructor(private readonly commands: CommandSender) {}

  @Post()
  @CommandRoute({
    command: 'ProposeEngagement',
    summary: 'The Secretariat proposes a match of a request with an offer, with a score and its reasons',
    created: 'the engagement: /engagements/{id}',
    invalid: ['input.invalid', 'text.invalid', 'engagement.unknown_implementer'],
    notFound: ['request.not_found', 'offer.not_found'],
    conflicts: ['engagement.request_not_open', 'engagement.offer_not_eligible', 'engagement.insufficient_capacity', 'engagement.inconsistent_inputs', 'engagement.implementer_not_verified'],
  })
  async propose(@CurrentActor() actor: Actor, @Body() dto: ProposeEngagementDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const engagementId = randomUUID();
    const r = await this.commands.send(actor, req, res, { id: engagementId }, dto, {
      type: 'ProposeEngagement',
      engagementId,
      at: this.commands.now(),
      requestId: dto.requestId,
      offerId: dto.offerId,
      amount: dto.amount,
      score: dto.score,
      reasons: dto.reasons,
      ...(dto.implementerId !== undefined ? { implementerId: dto.implementerId } : {}),
    });
    res.status(201).setHeader('Location', `/engagements/${r.id}`);
    return r;
  }

  @Post(':id/accept')
  @HttpCode(200)
  @CommandRoute({
    command: 'AcceptEngagement',
    summary: 'The State or the provider accepts (either order); active once both have and capacity is committed',
    pathIds: ['id'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.already_accepted', 'engagement.not_proposed'],
  })
  accept(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, {}, { type: 'AcceptEngagement', engagementId: id, at: this.commands.now(), party: partyOf(actor) });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @CommandRoute({
    command: 'DeclineEngagement',
    summary: 'The State or the provider declines, with a reason',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_proposed'],
  })
  decline(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'DeclineEngagement', engagementId: id, at: this.commands.now(), party: partyOf(actor), reason: dto.reason });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @CommandRoute({
    command: 'CancelEngagement',
    summary: 'The Secretariat cancels the engagement, with a reason (committed capacity is released)',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_cancellable'],
  })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'CancelEngagement', engagementId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/milestones')
  @CommandRoute({
    command: 'PlanMilestone',
    summary: 'The provider plans a milestone of the delivery plan',
    created: 'the milestone: /engagements/{id}/milestones/{milestoneId}',
    response: MilestonePlannedResponseDto,
    pathIds: ['id'],
    invalid: ['input.invalid', 'text.invalid'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_exists'],
  })
  async plan(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: PlanMilestoneDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const milestoneId = randomUUID();
    const r = await this.commands.send(actor, req, res, { id, milestoneId }, dto, { type: 'PlanMilestone', engagementId: id, at: this.commands.now(), milestoneId, title: { ...dto.title }, dueDate: dto.dueDate });
    res.status(201).setHeader('Location', `/engagements/${id}/milestones/${String(r.milestoneId)}`);
    return r;
  }

  @Post(':id/milestones/:milestoneId/report')
  @HttpCode(200)
  @CommandRoute({
    command: 'ReportMilestoneDone',
    summary: 'The provider reports the milestone done, with notes on what was done if it likes (the body may be empty)',
    pathIds: ['id', 'milestoneId'],
    invalid: ['text.invalid'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_not_reportable'],
  })
  @ApiBody({ type: ReportMilestoneDto, required: false })
  report(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Body() dto: ReportMilestoneDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // Without notes the fingerprint is the empty body's, as before notes existed.
    const notes = dto?.notes ? { ...dto.notes } : undefined;
    return this.commands.send(actor, req, res, { id }, notes ? { notes } : {}, { type: 'ReportMilestoneDone', engagementId: id, at: this.commands.now(), milestoneId, ...(notes ? { notes } : {}) });
  }

  @Post(':id/milestones/:milestoneId/confirm')
  @HttpCode(200)
  @CommandRoute({
    command: 'ConfirmMilestone',
    summary: 'The State confirms a reported milestone',
    pathIds: ['id', 'milestoneId'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_not_reported'],
  })
  confirm(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, {}, { type: 'ConfirmMilestone', engagementId: id, at: this.commands.now(), milestoneId });
  }

  @Post(':id/milestones/:milestoneId/dispute')
  @HttpCode(200)
  @CommandRoute({
    command: 'DisputeMilestone',
    summary: 'The State disputes a reported milestone, with a reason',
    pathIds: ['id', 'milestoneId'],
    invalid: ['input.reason_required'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_not_reported'],
  })
  dispute(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'DisputeMilestone', engagementId: id, at: this.commands.now(), milestoneId, reason: dto.reason });
  }

  @Post(':id/milestones/:milestoneId/dispute/answer')
  @HttpCode(200)
  @CommandRoute({
    command: 'AnswerMilestoneDispute',
    summary: "The provider answers the State's dispute of a milestone (once per dispute); the milestone stays disputed",
    pathIds: ['id', 'milestoneId'],
    invalid: ['input.reason_required'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_not_disputed', 'engagement.dispute_already_answered'],
  })
  answerDispute(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Body() dto: AnswerDisputeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'AnswerMilestoneDispute', engagementId: id, at: this.commands.now(), milestoneId, answer: dto.answer });
  }

  @Post(':id/milestones/:milestoneId/dispute/resolve')
  @HttpCode(200)
  @CommandRoute({
    command: 'ResolveMilestoneDispute',
    summary: 'The Secretariat resolves a disputed milestone, with a reason: upheld (due again on a new date) or dismissed (confirmed)',
    pathIds: ['id', 'milestoneId'],
    invalid: ['input.invalid', 'input.reason_required'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_not_disputed'],
  })
  resolveDispute(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Body() dto: ResolveDisputeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, {
      type: 'ResolveMilestoneDispute',
      engagementId: id,
      at: this.commands.now(),
      milestoneId,
      outcome: dto.outcome,
      reason: dto.reason,
      ...(dto.dueDate !== undefined ? { dueDate: dto.dueDate } : {}),
    });
  }

  @Post(':id/milestones/:milestoneId/reschedule')
  @HttpCode(200)
  @CommandRoute({
    command: 'RescheduleMilestone',
    summary: 'Reschedule a milestone, with a reason',
    pathIds: ['id', 'milestoneId'],
    invalid: ['input.invalid', 'input.reason_required'],
    notFound: ['engagement.not_found', 'engagement.milestone_not_found'],
    conflicts: ['engagement.not_active', 'engagement.milestone_confirmed'],
  })
  reschedule(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('milestoneId', uuid) milestoneId: string, @Body() dto: RescheduleMilestoneDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'RescheduleMilestone', engagementId: id, at: this.commands.now(), milestoneId, dueDate: dto.dueDate, reason: dto.reason });
  }

  @Post(':id/complete')
  @HttpCode(200)
  @CommandRoute({
    command: 'CompleteEngagement',
    summary: 'Complete the engagement once every milestone is confirmed; the State then acknowledges or contests the completion',
    pathIds: ['id'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_active', 'engagement.no_milestones', 'engagement.milestones_not_confirmed'],
  })
  complete(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, {}, { type: 'CompleteEngagement', engagementId: id, at: this.commands.now() });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @CommandRoute({
    command: 'AcknowledgeCompletion',
    summary: "The requesting State acknowledges the provider's completion: the engagement counts as delivered, the request is marked delivered",
    pathIds: ['id'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_completed'],
  })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, {}, { type: 'AcknowledgeCompletion', engagementId: id, at: this.commands.now() });
  }

  @Post(':id/contest')
  @HttpCode(200)
  @CommandRoute({
    command: 'ContestCompletion',
    summary: "The requesting State contests the provider's completion, with a reason: the engagement is active again",
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['engagement.not_found'],
    conflicts: ['engagement.not_completed'],
  })
  contest(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'ContestCompletion', engagementId: id, at: this.commands.now(), reason: dto.reason });
  }
}
