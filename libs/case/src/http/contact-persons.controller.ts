import { Controller, Get, Header, Headers, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, MALFORMED_ID, PathId } from '@ta/platform/http';
import type { ContactPersonView, PersonalDataReadsView } from '../application/contact-person';
import { GetContactPerson, GetContactPersonReads } from './contact-person.query';
import { ContactPersonViewDto, PersonalDataReadsViewDto } from './dto/contact-person-view.dto';

const uuid = new PathId('uuid');

/**
 * Contact persons are personal data (PRODUCT.md, resolution 3/2 para 14): read here only, one request
 * at a time, under `READ_ACCESS_POLICY.ContactPerson`; no list, read model or integration
 * event carries them.
 */
@ApiTags('requests (personal data)')
@Controller('requests')
export class ContactPersonsController {
  constructor(private readonly queries: QueryBus) {}

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
}
