import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor } from '@ta/platform';
import { CurrentActor, PathId } from '@ta/platform/http';
import { CommandSender } from './case-controller.support';
import { CommandRoute } from './command-route.decorator';
import { ReasonDto } from './dto/common.dto';
import type { NeedSourceInput } from '../domain';
import { AmendRequestDto, NeedSourceDto, ProvideClarificationDto, RecordFollowUpDto, ReturnForClarificationDto, SubmitRequestDto, TriageRequestDto } from './dto/request.dto';

const uuid = new PathId('uuid');

@ApiTags('requests (commands)')
@Controller('requests')
export class RequestsController {
  constructor(private readonly commands: CommandSender) {}

  @Post()
  @CommandRoute({
    command: 'SubmitRequest',
    summary: 'A State submits a request for technical assistance',
    created: 'the request: /requests/{id}',
    invalid: ['input.invalid', 'text.invalid', 'codelist.unknown_code', 'input.window_invalid', 'request.source_chapter_not_in_cycle', 'request.source_article_not_in_chapter'],
  })
  async submit(@CurrentActor() actor: Actor, @Body() dto: SubmitRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const requestId = randomUUID();
    const r = await this.commands.send(actor, req, res, { id: requestId }, dto, {
      type: 'SubmitRequest',
      requestId,
      at: this.commands.now(),
      country: dto.country,
      title: { ...dto.title },
      description: { ...dto.description },
      suggestedArticles: dto.suggestedArticles,
      suggestedTaTypes: dto.suggestedTaTypes,
      beneficiaryInstitution: dto.beneficiaryInstitution,
      preferredLanguages: dto.preferredLanguages,
      ...(dto.desiredWindow ? { desiredWindow: { ...dto.desiredWindow } } : {}),
      ...(dto.sources ? { sources: dto.sources.map(needSource) } : {}),
      restricted: dto.restricted,
      statePriority: dto.statePriority,
      ...(dto.contactPerson ? { contactPerson: { ...dto.contactPerson } } : {}),
    });
    // A replay answers with the first request's id.
    res.status(201).setHeader('Location', `/requests/${r.id}`);
    return r;
  }

  @Post(':id/amend')
  @HttpCode(200)
  @CommandRoute({
    command: 'AmendRequest',
    summary: 'The State amends its request until it is matched (submitted, returned for clarification, or open for offers with no engagement proposed or agreed): only the fields sent change',
    pathIds: ['id'],
    invalid: ['input.invalid', 'text.invalid', 'codelist.unknown_code', 'input.window_invalid', 'request.nothing_to_amend', 'request.source_chapter_not_in_cycle', 'request.source_article_not_in_chapter'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_amendable', 'request.engaged'],
  })
  amend(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: AmendRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, {
      type: 'AmendRequest',
      requestId: id,
      at: this.commands.now(),
      ...(dto.title !== undefined ? { title: { ...dto.title } } : {}),
      ...(dto.description !== undefined ? { description: { ...dto.description } } : {}),
      ...(dto.suggestedArticles !== undefined ? { suggestedArticles: dto.suggestedArticles } : {}),
      ...(dto.suggestedTaTypes !== undefined ? { suggestedTaTypes: dto.suggestedTaTypes } : {}),
      ...(dto.beneficiaryInstitution !== undefined ? { beneficiaryInstitution: dto.beneficiaryInstitution } : {}),
      ...(dto.preferredLanguages !== undefined ? { preferredLanguages: dto.preferredLanguages } : {}),
      ...(dto.desiredWindow !== undefined ? { desiredWindow: dto.desiredWindow === null ? null : { ...dto.desiredWindow } } : {}),
      ...(dto.sources !== undefined ? { sources: dto.sources.map(needSource) } : {}),
      ...(dto.statePriority !== undefined ? { statePriority: dto.statePriority } : {}),
      // the application fills it in (the request's engagements proposed or agreed)
      liveEngagementIds: [],
    });
  }

  @Post(':id/triage')
  @HttpCode(200)
  @CommandRoute({
    command: 'TriageRequest',
    summary: 'The Secretariat classifies the request and opens it for offers',
    pathIds: ['id'],
    invalid: ['input.invalid', 'codelist.unknown_code'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_awaiting_triage'],
  })
  triage(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: TriageRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'TriageRequest', requestId: id, at: this.commands.now(), articles: dto.articles, taTypes: dto.taTypes, priority: dto.priority });
  }

  @Post(':id/return-for-clarification')
  @HttpCode(200)
  @CommandRoute({
    command: 'ReturnForClarification',
    summary: 'The Secretariat asks the State a question',
    pathIds: ['id'],
    invalid: ['text.invalid'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_awaiting_triage'],
  })
  returnForClarification(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReturnForClarificationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'ReturnForClarification', requestId: id, at: this.commands.now(), question: { ...dto.question } });
  }

  @Post(':id/clarification')
  @HttpCode(200)
  @CommandRoute({
    command: 'ProvideClarification',
    summary: 'The State answers; the request goes back to triage',
    pathIds: ['id'],
    invalid: ['text.invalid'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_returned_for_clarification'],
  })
  clarify(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ProvideClarificationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'ProvideClarification', requestId: id, at: this.commands.now(), answer: { ...dto.answer } });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @CommandRoute({
    command: 'DeclineRequest',
    summary: 'The Secretariat declines the request, with a reason',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_declinable'],
  })
  decline(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'DeclineRequest', requestId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @CommandRoute({
    command: 'WithdrawRequest',
    summary: 'The State withdraws its request, with a reason (proposed engagements are cancelled)',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_withdrawable'],
  })
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'WithdrawRequest', requestId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @CommandRoute({
    command: 'RecordFollowUp',
    summary: 'The State records the follow-up: was the need met?',
    pathIds: ['id'],
    invalid: ['input.invalid', 'text.invalid'],
    notFound: ['request.not_found'],
    conflicts: ['request.not_delivered'],
  })
  followUp(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: RecordFollowUpDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'RecordFollowUp', requestId: id, at: this.commands.now(), needMet: dto.needMet, comment: { ...dto.comment } });
  }

  @Post(':id/restrict')
  @HttpCode(200)
  @CommandRoute({
    command: 'RestrictRequest',
    summary: 'The State restricts its request: from now on only the Secretariat, the State and engaged providers see it, and Kafka carries no more of its free text',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['request.not_found'],
    conflicts: ['request.already_restricted', 'request.ended'],
  })
  restrict(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'RestrictRequest', requestId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/open')
  @HttpCode(200)
  @CommandRoute({
    command: 'OpenRequest',
    summary: 'The State opens its restricted request to everyone',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['request.not_found'],
    conflicts: ['request.already_open', 'request.ended'],
  })
  open(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'OpenRequest', requestId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/close')
  @HttpCode(200)
  @CommandRoute({
    command: 'CloseRequest',
    summary: 'The Secretariat closes the case after the follow-up',
    pathIds: ['id'],
    notFound: ['request.not_found'],
    conflicts: ['request.follow_up_not_recorded'],
  })
  close(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, {}, { type: 'CloseRequest', requestId: id, at: this.commands.now() });
  }
}

/** A cited source as the domain takes it: the fields its kind has (the domain checks them). */
function needSource(dto: NeedSourceDto): NeedSourceInput {
  const common = { article: dto.article, paragraph: dto.paragraph ?? null, need: dto.need };
  return dto.kind === 'self-assessment'
    ? { kind: 'self-assessment', round: dto.round as string, cycle: dto.cycle ?? null, ...common }
    : { kind: 'review-report', cycle: dto.cycle as 1 | 2, chapter: dto.chapter as string, reportSymbol: dto.reportSymbol as string, ...common };
}
