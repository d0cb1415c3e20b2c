import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters, type PipeTransform } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError } from '@ta/core';
import { codelists } from '@ta/codelists';
import type { Actor } from '@ta/platform';
import { answerCommand, ApiRoute, CLOCK, CurrentActor, MALFORMED_ID, param, ParsedQuery, type Clock, type QueryValues } from '@ta/platform/http';
import { DirectoryCommands } from '../application/directory-commands';
import { DirectoryQueries } from '../application/directory-queries';
import { ORGANISATION_ID, ORGANISATION_KINDS, ORGANISATION_STATUSES, PREVENTION_ARTICLES, type OrganisationCommand, type OrganisationKind } from '../domain';
import { commandContext } from './command-http';
import { DirectoryLagFilter } from './directory-lag.filter';
import { DirectoryCommandRoute } from './directory-route.decorator';
import {
  ChangeAuthorityNotificationDto,
  ChangeOrganisationDetailsDto,
  MapProviderIdsDto,
  NotifyAuthorityDto,
  ProposeOrganisationDto,
  ReasonDto,
  WithdrawAuthorityDto,
} from './directory.dto';
import { OrganisationPageDto, OrganisationViewDto, ProviderIdMappingListDto } from './directory.responses';

/** An organisation id in a path: a malformed one is 404 `request.malformed_id`, as everywhere. */
export class OrganisationIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !ORGANISATION_ID.test(value)) throw new NotFoundError(MALFORMED_ID, 'No resource has this id: an id here is an organisation id');
    return value;
  }
}
const orgId = new OrganisationIdPipe();
const codes = (list: Parameters<typeof codelists.list>[0]) => codelists.list(list).map((i) => i.code);

const LANG = param.enum(codes('languages'), { list: 'languages', description: "The reader's language for `name`", example: 'fr' });
const MIN_POSITION = {
  minPosition: param.integer(0, Number.MAX_SAFE_INTEGER, {
    description:
      'Read your own write: the `globalPosition` a command answered with. The read waits until the directory includes it (COORDINATION_WAIT_TIMEOUT_MS), else 503 `directory.not_caught_up` with Retry-After; a position the log has not given out is 400 `directory.position_not_issued`',
  }),
};
/** The problems of a read that takes `minPosition`. */
const LAG = { 400: ['directory.position_not_issued'], 503: ['directory.not_caught_up'] } as const;
const PAGE = {
  limit: param.integer(1, 500, { default: 100, description: 'Entries per page' }),
  offset: param.integer(0, 100_000, { default: 0, description: 'Entries to skip' }),
};
const COMMON_FILTERS = {
  country: param.enum(codes('countries'), { list: 'countries', example: 'KE' }),
  region: param.enum(codes('regions'), { list: 'regions', description: 'UN M49 region: entries of its countries', example: '014' }),
  q: param.string({ pattern: /^[^\u0000-\u001f]{1,100}$/, noun: 'search text', description: 'Free text in the names, the IATI identifier or the id', example: 'commission' }),
  lang: LANG,
  ...PAGE,
  ...MIN_POSITION,
};
export const ORGANISATIONS_QUERY = {
  ...COMMON_FILTERS,
  kind: param.enum(ORGANISATION_KINDS, { example: 'donor_agency' }),
  status: param.enum(ORGANISATION_STATUSES, { example: 'verified' }),
};
export const AUTHORITIES_QUERY = {
  ...COMMON_FILTERS,
  article: param.enum(PREVENTION_ARTICLES, { list: 'uncac-articles', description: 'Areas of assistance: UNCAC article (5-14)', example: 'art-6' }),
  taType: param.enum(codes('ta-types'), { list: 'ta-types', description: 'Areas of assistance: type of assistance', example: 'c2-capacity-building' }),
  language: param.enum(codes('languages'), { list: 'languages', description: 'A working language', example: 'en' }),
  withdrawn: param.boolean({ description: 'true: the withdrawn authorities instead of those in the directory' }),
};
const DETAIL_QUERY = { lang: LANG, ...MIN_POSITION };

@ApiTags('directory')
@Controller('directory')
@UseFilters(DirectoryLagFilter)
export class OrganisationsController {
  constructor(
    @Inject(DirectoryCommands) private readonly commands: DirectoryCommands,
    @Inject(DirectoryQueries) private readonly queries: DirectoryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async send(actor: Actor, req: Request, res: Response, body: unknown, command: OrganisationCommand) {
    return answerCommand(res, await this.commands.execute(command, commandContext(actor, req, body)));
  }

  private now(): string {
    return this.clock().toISOString();
  }

  @Get('organisations')
  @ApiRoute({
    summary: 'The directory: organisations of every kind, filtered (country, region, kind, status, free text)',
    query: ORGANISATIONS_QUERY,
    ok: { description: 'A page of entries', type: OrganisationPageDto },
    problems: LAG,
    retryAfter: [503],
  })
  async organisations(@ParsedQuery() q: QueryValues<typeof ORGANISATIONS_QUERY>) {
    await this.queries.consistent(q.minPosition);
    return this.queries.organisations(q);
  }

  @Get('organisations/:id')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', pattern: ORGANISATION_ID.source } })
  @ApiRoute({
    summary: "An organisation's entry (a national authority's with its notification and contact point)",
    query: DETAIL_QUERY,
    ok: { description: 'The entry', type: OrganisationViewDto },
    problems: { ...LAG, 404: ['organisation.not_found', MALFORMED_ID] },
    retryAfter: [503],
  })
  async organisation(@Param('id', orgId) id: string, @ParsedQuery() q: QueryValues<typeof DETAIL_QUERY>) {
    await this.queries.consistent(q.minPosition);
    return this.queries.organisation(id, q.lang);
  }

  @Get('authorities')
  @ApiRoute({
    summary: 'National prevention authorities (para 9), filtered by country, region, article, type of assistance, working language, free text',
    query: AUTHORITIES_QUERY,
    ok: { description: 'A page of authorities', type: OrganisationPageDto },
    problems: LAG,
    retryAfter: [503],
  })
  async authorities(@ParsedQuery() q: QueryValues<typeof AUTHORITIES_QUERY>) {
    await this.queries.consistent(q.minPosition);
    return this.queries.authorities({ ...q, status: q.withdrawn ? 'closed' : 'verified' });
  }

  @Get('provider-ids')
  @ApiRoute({
    summary: 'The mapping of provider ids recorded before the directory to its organisations',
    query: MIN_POSITION,
    ok: { description: 'Every mapped provider id', type: ProviderIdMappingListDto },
    problems: LAG,
    retryAfter: [503],
  })
  async providerIds(@ParsedQuery() q: QueryValues<typeof MIN_POSITION>) {
    await this.queries.consistent(q.minPosition);
    return { items: await this.queries.providerIdMapping() };
  }

  @Post('organisations')
  @DirectoryCommandRoute({
    command: 'ProposeOrganisation',
    created: true,
    summary: 'Propose an organisation for the directory (the Secretariat, or a provider for its own organisation); the Secretariat verifies it',
    invalid: ['text.invalid', 'codelist.unknown_code', 'directory.invalid_iati_identifier'],
    conflicts: ['directory.organisation_exists'],
  })
  async propose(@CurrentActor() actor: Actor, @Body() dto: ProposeOrganisationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const r = await this.send(actor, req, res, dto, {
      type: 'ProposeOrganisation',
      organisationId: dto.organisationId,
      at: this.now(),
      kind: dto.kind as OrganisationKind,
      names: { ...dto.names },
      country: dto.country ?? null,
      iatiIdentifier: dto.iatiIdentifier ?? null,
      addresses: dto.addresses,
      website: dto.website ?? null,
    });
    res.status(201).setHeader('Location', `/directory/organisations/${r.id}`);
    return r;
  }

  @Post('organisations/:id/verify')
  @HttpCode(200)
  @DirectoryCommandRoute({ command: 'VerifyOrganisation', summary: 'The Secretariat verifies an organisation (or reinstates a suspended one)', conflicts: ['directory.closed'] })
  verify(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, {}, { type: 'VerifyOrganisation', organisationId: id, at: this.now() });
  }

  @Post('organisations/:id/suspend')
  @HttpCode(200)
  @DirectoryCommandRoute({ command: 'SuspendOrganisation', summary: 'The Secretariat suspends a verified organisation: no one acts for it until verified again', invalid: ['input.reason_required'], conflicts: ['directory.not_verified'] })
  suspend(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'SuspendOrganisation', organisationId: id, at: this.now(), reason: dto.reason });
  }

  @Post('organisations/:id/close')
  @HttpCode(200)
  @DirectoryCommandRoute({
    command: 'CloseOrganisation',
    summary: 'The Secretariat closes an organisation for good',
    invalid: ['input.reason_required'],
    conflicts: ['directory.closed', 'directory.authority_withdrawn_by_state'],
  })
  close(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'CloseOrganisation', organisationId: id, at: this.now(), reason: dto.reason });
  }

  @Post('organisations/:id/details')
  @HttpCode(200)
  @DirectoryCommandRoute({
    command: 'ChangeOrganisationDetails',
    summary: "Change an organisation's names, addresses, web site or IATI identifier (the Secretariat, or the organisation itself)",
    invalid: ['text.invalid', 'directory.invalid_iati_identifier'],
    conflicts: ['directory.closed'],
  })
  details(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: ChangeOrganisationDetailsDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, {
      type: 'ChangeOrganisationDetails',
      organisationId: id,
      at: this.now(),
      names: { ...dto.names },
      addresses: dto.addresses,
      website: dto.website ?? null,
      iatiIdentifier: dto.iatiIdentifier ?? null,
    });
  }

  @Post('organisations/:id/provider-ids')
  @HttpCode(200)
  @DirectoryCommandRoute({ command: 'MapProviderIds', summary: 'The Secretariat maps provider ids recorded before the directory to this organisation (once each)' })
  mapProviderIds(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: MapProviderIdsDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'MapProviderIds', organisationId: id, at: this.now(), providerIds: dto.providerIds });
  }

  @Post('authorities')
  @DirectoryCommandRoute({
    command: 'NotifyAuthority',
    created: true,
    summary: 'A State notifies a national authority that can assist other States in prevention (para 9); the Secretariat records one notified by note verbale',
    description: 'A State focal point notifies for its own State (channel `state`, no note verbale); the Secretariat records a notification received by note verbale (channel `note_verbale`, its reference required).',
    invalid: ['text.invalid', 'codelist.unknown_code', 'directory.invalid_iati_identifier', 'directory.article_not_in_prevention'],
    conflicts: ['directory.organisation_exists'],
  })
  async notify(@CurrentActor() actor: Actor, @Body() dto: NotifyAuthorityDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const r = await this.send(actor, req, res, dto, {
      type: 'NotifyAuthority',
      organisationId: dto.organisationId,
      at: this.now(),
      country: dto.country,
      names: { ...dto.names },
      addresses: dto.addresses,
      website: dto.website ?? null,
      articles: dto.articles,
      taTypes: dto.taTypes,
      languages: dto.languages,
      notifiedOn: dto.notifiedOn,
      ...channelOf(actor, dto.noteVerbale),
      contactPoint: dto.contactPoint ? { name: dto.contactPoint.name, email: dto.contactPoint.email, phone: dto.contactPoint.phone ?? null } : null,
      iatiIdentifier: dto.iatiIdentifier ?? null,
    });
    res.status(201).setHeader('Location', `/directory/organisations/${r.id}`);
    return r;
  }

  @Post('authorities/:id/changes')
  @HttpCode(200)
  @DirectoryCommandRoute({
    command: 'ChangeAuthorityNotification',
    summary: "A later notification changes an authority's entry: areas, working languages, contact point, names, addresses",
    invalid: ['text.invalid', 'codelist.unknown_code', 'directory.article_not_in_prevention'],
    conflicts: ['directory.not_an_authority', 'directory.authority_withdrawn'],
  })
  change(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: ChangeAuthorityNotificationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, {
      type: 'ChangeAuthorityNotification',
      organisationId: id,
      at: this.now(),
      names: { ...dto.names },
      addresses: dto.addresses,
      website: dto.website ?? null,
      articles: dto.articles,
      taTypes: dto.taTypes,
      languages: dto.languages,
      notifiedOn: dto.notifiedOn,
      ...channelOf(actor, dto.noteVerbale),
      contactPoint: dto.contactPoint ? { name: dto.contactPoint.name, email: dto.contactPoint.email, phone: dto.contactPoint.phone ?? null } : null,
    });
  }

  @Post('authorities/:id/withdraw')
  @HttpCode(200)
  @DirectoryCommandRoute({
    command: 'WithdrawAuthority',
    summary: 'The State withdraws its authority from the directory (or the Secretariat records a note verbale saying so)',
    invalid: ['input.reason_required'],
    conflicts: ['directory.not_an_authority', 'directory.authority_withdrawn'],
  })
  withdraw(@CurrentActor() actor: Actor, @Param('id', orgId) id: string, @Body() dto: WithdrawAuthorityDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'WithdrawAuthority', organisationId: id, at: this.now(), notifiedOn: dto.notifiedOn, ...channelOf(actor, dto.noteVerbale), reason: dto.reason });
  }
}

/** The channel is the actor's role: a State notifies on the platform, the Secretariat records a note verbale. */
function channelOf(actor: Actor, noteVerbale: string | null | undefined): { channel: 'state' | 'note_verbale'; noteVerbale: string | null } {
  return actor.role === 'secretariat' ? { channel: 'note_verbale', noteVerbale: noteVerbale ?? null } : { channel: 'state', noteVerbale: noteVerbale ?? null };
}
