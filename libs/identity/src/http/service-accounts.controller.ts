import { Body, Controller, Get, HttpCode, Inject, Param, Post, type PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NotFoundError } from '@ta/core';
import type { Actor } from '@ta/platform';
import { ApiRoute, CLOCK, CurrentActor, MALFORMED_ID, param, ParsedQuery, SingleLine, type Clock, type QueryValues } from '@ta/platform/http';
import { ServiceAccounts } from '../application/service-accounts';

export class CreateServiceAccountDto {
  @ApiProperty({ example: 'GIZ project database', description: 'What the system is, one line (shown to the organisation and the Secretariat)' })
  @IsString()
  @SingleLine()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'donor-giz', description: "The organisation it acts for: the Secretariat names it; a donor's or authority's is its own" })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  organisation?: string;
}

class ServiceAccountDto {
  @ApiProperty({ example: 'sa-3f9c2a1b7d4e6f80' }) clientId!: string;
  @ApiProperty({ example: 'donor-giz' }) organisation!: string;
  @ApiProperty({ enum: ['donor', 'authority'], description: "The role it acts in, from the organisation's kind in the directory" }) role!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Who created it (actor id)' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ description: 'Calls made with it' }) uses!: number;
}

class CreatedServiceAccountDto {
  @ApiProperty({ type: ServiceAccountDto }) account!: ServiceAccountDto;
  @ApiProperty({ description: 'Shown once: only its hash is kept. Exchange it for an access token at POST /auth/token (grant_type=client_credentials)' })
  clientSecret!: string;
}

class ServiceAccountListDto {
  @ApiProperty({ type: [ServiceAccountDto] }) items!: ServiceAccountDto[];
}

class ServiceAccountUseDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/offers' }) path!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id of the call' }) requestId!: string | null;
}

class ServiceAccountUsesDto {
  @ApiProperty({ type: ServiceAccountDto }) account!: ServiceAccountDto;
  @ApiProperty({ type: [ServiceAccountUseDto], description: 'Newest first' }) uses!: ServiceAccountUseDto[];
}

class ClientIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^sa-[0-9a-f]{16}$/.test(value)) throw new NotFoundError(MALFORMED_ID, 'No resource has this id: an id here is a service account client id');
    return value;
  }
}
const clientId = new ClientIdPipe();

const LIST_QUERY = { organisation: param.string({ pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, noun: 'organisation id', description: "The Secretariat's filter: one organisation's accounts", example: 'donor-giz' }) };
const USES_QUERY = { limit: param.integer(1, 1000, { default: 100, description: 'Uses to list, newest first' }) };
const MANAGE_FORBIDDEN = ['access.role_not_allowed', 'access.service_account_not_allowed'];
/** The edge's checks of a JSON body (libs/platform/src/http/edge). */
const BODY_PROBLEMS = { 413: ['request.too_large'], 415: ['request.unsupported_media_type'] } as const;
const BODY_INVALID = ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex'];

/**
 * Service accounts: client credentials for an organisation's system (docs/api.md, "Service
 * accounts"). A donor or authority manages its own organisation's; the Secretariat every one.
 * Not event-sourced commands (no stream, no If-Match, no Idempotency-Key): the accounts are
 * access configuration kept in the identity schema, like sessions.
 */
@ApiTags('service accounts')
@Controller('service-accounts')
export class ServiceAccountsController {
  constructor(
    @Inject(ServiceAccounts) private readonly accounts: ServiceAccounts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiRoute({
    summary: "A service account for an organisation's system: its client id and secret (the secret is shown once)",
    ok: { status: 201, description: 'Created', type: CreatedServiceAccountDto },
    problems: {
      400: [...BODY_INVALID, 'service_account.organisation_required'],
      403: [...MANAGE_FORBIDDEN, 'access.not_own_organisation', 'access.organisation_unknown', 'access.organisation_not_verified', 'auth.csrf_token_mismatch'],
      ...BODY_PROBLEMS,
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateServiceAccountDto) {
    return this.accounts.create(actor, { name: dto.name, organisation: dto.organisation }, this.clock());
  }

  @Get()
  @ApiRoute({
    summary: "Service accounts: the organisation's own (donor, authority), or every one (Secretariat), with their last use",
    query: LIST_QUERY,
    ok: { description: 'Accounts, oldest first', type: ServiceAccountListDto },
    problems: { 403: MANAGE_FORBIDDEN },
  })
  async list(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof LIST_QUERY>) {
    return { items: await this.accounts.list(actor, q.organisation) };
  }

  @Post(':clientId/revoke')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Revokes a service account: its credentials and access tokens stop working at once',
    ok: { description: 'The revoked account', type: ServiceAccountDto },
    problems: { 400: BODY_INVALID, 403: [...MANAGE_FORBIDDEN, 'auth.csrf_token_mismatch'], 404: ['service_account.not_found', MALFORMED_ID], 409: ['service_account.revoked'], ...BODY_PROBLEMS },
  })
  revoke(@CurrentActor() actor: Actor, @Param('clientId', clientId) id: string) {
    return this.accounts.revoke(actor, id, this.clock());
  }

  @Get(':clientId/uses')
  @ApiRoute({
    summary: 'What a service account did: its calls (method, path, request id), newest first',
    query: USES_QUERY,
    ok: { description: 'The account and its uses', type: ServiceAccountUsesDto },
    problems: { 403: MANAGE_FORBIDDEN, 404: ['service_account.not_found', MALFORMED_ID] },
  })
  uses(@CurrentActor() actor: Actor, @Param('clientId', clientId) id: string, @ParsedQuery() q: QueryValues<typeof USES_QUERY>) {
    return this.accounts.uses(actor, id, q.limit);
  }
}
