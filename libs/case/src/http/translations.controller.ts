import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor } from '@ta/platform';
import { CurrentActor, PathId } from '@ta/platform/http';
import { CommandSender } from './case-controller.support';
import { CommandRoute } from './command-route.decorator';
import { TranslateTextDto } from './dto/translation.dto';

const uuid = new PathId('uuid');
const INVALID = ['text.unknown', 'text.invalid'];
const CONFLICTS = ['text.original_language'];
const WHO = 'The Secretariat translates any text; the State and the provider the texts their side wrote (403 `access.not_author` otherwise). A later translation into the same language replaces the earlier one; the original is never replaced.';

/** Translations of a case's texts into the UN languages: one route per aggregate, each an event on its stream. */
@ApiTags('translations (commands)')
@Controller()
export class TranslationsController {
  constructor(private readonly commands: CommandSender) {}

  @Post('requests/:id/translations')
  @HttpCode(200)
  @CommandRoute({ command: 'TranslateRequestText', summary: "A translation of one of a request's texts", description: WHO, pathIds: ['id'], invalid: INVALID, notFound: ['request.not_found'], conflicts: CONFLICTS })
  request(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: TranslateTextDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'TranslateRequestText', requestId: id, at: this.commands.now(), text: dto.text, language: dto.language, translation: dto.translation });
  }

  @Post('offers/:id/translations')
  @HttpCode(200)
  @CommandRoute({ command: 'TranslateOfferText', summary: "A translation of one of an offer's texts", description: WHO, pathIds: ['id'], invalid: INVALID, notFound: ['offer.not_found'], conflicts: CONFLICTS })
  offer(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: TranslateTextDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'TranslateOfferText', offerId: id, at: this.commands.now(), text: dto.text, language: dto.language, translation: dto.translation });
  }

  @Post('engagements/:id/translations')
  @HttpCode(200)
  @CommandRoute({
    command: 'TranslateEngagementText',
    summary: "A translation of one of an engagement's texts (its milestones' included)",
    description: WHO,
    pathIds: ['id'],
    invalid: INVALID,
    notFound: ['engagement.not_found'],
    conflicts: CONFLICTS,
  })
  engagement(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: TranslateTextDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'TranslateEngagementText', engagementId: id, at: this.commands.now(), text: dto.text, language: dto.language, translation: dto.translation });
  }
}
