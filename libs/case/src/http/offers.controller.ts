import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ValidationError } from '@ta/core';
import { type Actor } from '@ta/platform';
import { CurrentActor, PathId } from '@ta/platform/http';
import { toMinorUnits, type Capacity, type ProviderKind } from '../domain';
import { CommandSender } from './case-controller.support';
import { CommandRoute } from './command-route.decorator';
import { ReasonDto } from './dto/common.dto';
import { AmendOfferDto, ExtendOfferDto, RegisterOfferDto, type CapacityDto } from './dto/offer.dto';

const uuid = new PathId('uuid');

function capacityOf(dto: CapacityDto): Capacity {
  if (dto.kind === 'money') {
    if (dto.amount === undefined || dto.currency === undefined || dto.days !== undefined) {
      throw new ValidationError('input.invalid', 'money capacity needs amount and currency, and no days', [{ path: '/capacity', message: 'amount and currency required' }]);
    }
    return { kind: 'money', amount: toMinorUnits(dto.amount, dto.currency, '/capacity/amount'), currency: dto.currency };
  }
  if (dto.days === undefined || dto.amount !== undefined || dto.currency !== undefined) {
    throw new ValidationError('input.invalid', 'expert_days capacity needs days, and no amount or currency', [{ path: '/capacity', message: 'days required' }]);
  }
  return { kind: 'expert_days', days: dto.days };
}

@ApiTags('offers (commands)')
@Controller('offers')
export class OffersController {
  constructor(private readonly commands: CommandSender) {}

  @Post()
  @CommandRoute({
    command: 'RegisterOffer',
    summary: 'A donor or national authority registers an offer (a pledge)',
    created: 'the offer: /offers/{id}',
    invalid: ['input.invalid', 'text.invalid', 'codelist.unknown_code', 'input.window_invalid'],
  })
  async register(@CurrentActor() actor: Actor, @Body() dto: RegisterOfferDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const offerId = randomUUID();
    const r = await this.commands.send(actor, req, res, { id: offerId }, dto, {
      type: 'RegisterOffer',
      offerId,
      at: this.commands.now(),
      // Identity from the directory (CaseCommands): the provider and its kind are the actor's organisation's.
      providerId: dto.providerId ?? actor.organisation ?? '',
      providerKind: dto.providerKind as ProviderKind,
      taTypes: dto.taTypes,
      articles: dto.articles,
      eligibleCountries: dto.eligibleCountries,
      eligibleRegions: dto.eligibleRegions,
      languages: dto.languages,
      modality: dto.modality,
      capacity: capacityOf(dto.capacity),
      availability: { ...dto.availability },
      title: { ...dto.title },
      description: { ...dto.description },
    });
    res.status(201).setHeader('Location', `/offers/${r.id}`);
    return r;
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @CommandRoute({
    command: 'WithdrawOffer',
    summary: 'The provider withdraws its offer (existing commitments are honoured)',
    pathIds: ['id'],
    invalid: ['input.reason_required'],
    notFound: ['offer.not_found'],
    conflicts: ['offer.withdrawn', 'offer.expired'],
  })
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'WithdrawOffer', offerId: id, at: this.commands.now(), reason: dto.reason });
  }

  @Post(':id/extend')
  @HttpCode(200)
  @CommandRoute({
    command: 'ExtendOffer',
    summary: 'The provider extends the availability window before it ends (the offer then expires after the new last day)',
    pathIds: ['id'],
    invalid: ['input.invalid'],
    notFound: ['offer.not_found'],
    conflicts: ['offer.withdrawn', 'offer.expired', 'offer.window_ended'],
  })
  extend(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ExtendOfferDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, { type: 'ExtendOffer', offerId: id, at: this.commands.now(), to: dto.to });
  }

  @Post(':id/amend')
  @HttpCode(200)
  @CommandRoute({
    command: 'AmendOffer',
    summary: "The provider amends its offer's capacity (same unit, not below what is committed) and/or eligible countries and regions; texts, dates and articles are not amended",
    pathIds: ['id'],
    invalid: ['input.invalid', 'codelist.unknown_code'],
    notFound: ['offer.not_found'],
    conflicts: ['offer.withdrawn', 'offer.expired', 'offer.amount_below_committed'],
  })
  amend(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: AmendOfferDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(actor, req, res, { id }, dto, {
      type: 'AmendOffer',
      offerId: id,
      at: this.commands.now(),
      ...(dto.capacity ? { capacity: capacityOf(dto.capacity) } : {}),
      ...(dto.eligibleCountries ? { eligibleCountries: dto.eligibleCountries } : {}),
      ...(dto.eligibleRegions ? { eligibleRegions: dto.eligibleRegions } : {}),
    });
  }
}
