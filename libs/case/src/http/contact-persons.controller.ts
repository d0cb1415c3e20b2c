import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ValidationError } from '@ta/core';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, MALFORMED_ID, PathId } from '@ta/platform/http';
import type { ContactPersonView, ErasureView, PersonalDataReadsView } from '../application/contact-person';
import { EraseContactPerson } from './erase-contact-person.handler';
import { ReasonDto } from './dto/common.dto';
import { GetContactPerson, GetContactPersonReads } from './contact-person.query';
import { ContactPersonViewDto, ErasureViewDto, PersonalDataReadsViewDto } from './dto/contact-person-view.dto';

const uuid = new PathId('uuid');

/**
 * Contact persons are personal data (PRODUCT.md, resolution 3/2 para 14): read here only, one request
 * at a time, under `READ_ACCESS_POLICY.ContactPerson`; no list, read model or integration
 * event carries them.
 */
@ApiTags('requests (personal data)')
@Controller('requests')
export class ContactPersonsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get(':id/contact-person')
  @Header('Cache-Control', 'no-store')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({
    summary: "The request's contact person: for the Secretariat, the request's State and the provider of an agreed, active, completed or acknowledged engagement on it",
    description:
      '403 `access.not_party` for anyone else; 404 `request.not_found` when the request is restricted and hidden from the actor, as for an unknown request; ' +
      '503 `integrity.chain_broken` when a stream it is read from fails its integrity check (nothing is served; docs/audit.md).',
    ok: { description: 'The contact person (Cache-Control: no-store)', type: ContactPersonViewDto, headers: { 'Cache-Control': { schema: { type: 'string', enum: ['no-store'] } } } },
    problems: { 403: ['access.not_party'], 404: ['request.not_found', MALFORMED_ID], 503: ['integrity.chain_broken'] },
  })
  read(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Headers('x-correlation-id') correlationId?: string): Promise<ContactPersonView> {
    const access = { route: 'GET /requests/{id}/contact-person', at: new Date(), ...(correlationId && /^[\x21-\x7e]{1,100}$/.test(correlationId) ? { correlationId } : {}) };
    return this.queries.execute(new GetContactPerson(id, actor, access));
  }

  @Get(':id/contact-person/reads')
  @Header('Cache-Control', 'no-store')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({
    summary: "Who read the request's contact person (who, when, which route), newest first: for the Secretariat and the request's State",
    description:
      'Every served read of the contact person is recorded before it is served, on a stream of its own (docs/audit.md, "Who read personal data"). ' +
      'Reads older than PERSONAL_DATA_READS_RETENTION_DAYS are not listed. 403 `access.not_party` for anyone else; 404 as for the contact person.',
    ok: { description: 'The reads (Cache-Control: no-store)', type: PersonalDataReadsViewDto, headers: { 'Cache-Control': { schema: { type: 'string', enum: ['no-store'] } } } },
    problems: { 403: ['access.not_party'], 404: ['request.not_found', MALFORMED_ID], 503: ['integrity.chain_broken'] },
  })
  reads(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<PersonalDataReadsView> {
    return this.queries.execute(new GetContactPersonReads(id, actor, new Date()));
  }

  @Post(':id/contact-person/erasure')
  @HttpCode(200)
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({
    summary: "Erase the request's contact person's data (resolution 3/2 para 14): for the Secretariat and the request's State",
    description:
      'Destroys the key the contact person was stored with (crypto-shredding): from then on `GET /requests/{id}/contact-person` answers `contactPerson: null` with `erasedAt`, ' +
      'for everyone; the hash-chained events stay and `npm run verify:log` still passes (docs/audit.md, "Erasure"). Recorded as `PersonalDataErased` on the subject\'s stream. ' +
      'Again: 200 with `erasedNow: false`.',
    ok: { description: 'Erased (now or before)', type: ErasureViewDto },
    problems: {
      400: ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'input.reason_required'],
      403: ['access.not_party'],
      404: ['request.not_found', MALFORMED_ID],
      413: ['request.too_large'],
      415: ['request.unsupported_media_type'],
      503: ['integrity.chain_broken'],
    },
  })
  erase(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ReasonDto, @Headers('x-correlation-id') correlationId?: string): Promise<ErasureView> {
    if (dto.reason.trim() === '') throw new ValidationError('input.reason_required', 'A reason is required', [{ path: '/reason', message: 'must not be blank' }]);
    const input = { reason: dto.reason, at: new Date(), ...(correlationId && /^[\x21-\x7e]{1,100}$/.test(correlationId) ? { correlationId } : {}) };
    return this.commands.execute(new EraseContactPerson(id, actor, input));
  }
}
