import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { codelists } from '@ta/codelists';
import { ApiRoute, param, ParsedQuery, type QueryValues, type RouteDoc } from '@ta/platform/http';
import { IatiPublisher } from '../iati-publisher';

export const ACTIVITIES_QUERY = {
  provider: param.string({ description: 'Only this provider\'s engagements: a directory organisation id (provider ids mapped to it included)', example: 'donor-giz' }),
  country: param.enum(
    codelists.list('countries').map((c) => c.code),
    { list: 'countries', description: 'Only engagements for this requesting State (ISO 3166-1 alpha-2)', example: 'KE' },
  ),
};

const XML = 'application/xml';
const ACTIVITIES: Omit<RouteDoc, 'public'> = {
  summary: 'IATI 2.03 iati-activities: one activity per agreed engagement of a request that is not restricted (per provider, per State, or all)',
  description: 'Validates against the IATI 2.03 activity schema. Reported by the Secretariat\'s directory entry (unodc), whose IATI identifier prefixes every iati-identifier. Nothing restricted or personal.',
  query: ACTIVITIES_QUERY,
  ok: { description: 'An iati-activities file', contentType: XML, schema: { type: 'string' } },
  problems: { 409: ['iati.reporting_org_unidentified'] },
};
const ORGANISATIONS: Omit<RouteDoc, 'public'> = {
  summary: "IATI 2.03 iati-organisations: the directory's organisations that have an IATI identifier (not closed), their names in every language given",
  ok: { description: 'An iati-organisations file', contentType: XML, schema: { type: 'string' } },
};

function send(res: Response, filename: string, xml: string): string {
  res.setHeader('Content-Type', `${XML}; charset=utf-8`);
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  return xml;
}

function activitiesName(q: QueryValues<typeof ACTIVITIES_QUERY>): string {
  return ['activities', q.provider, q.country?.toLowerCase()].filter(Boolean).join('-') + '.xml';
}

/** The IATI files for signed-in users (any role): the same files the public routes give. */
@ApiTags('iati')
@Controller('iati')
export class IatiController {
  constructor(@Inject(IatiPublisher) private readonly publisher: IatiPublisher) {}

  @Get('activities.xml')
  @ApiRoute(ACTIVITIES)
  async activities(@ParsedQuery() q: QueryValues<typeof ACTIVITIES_QUERY>, @Res({ passthrough: true }) res: Response) {
    return send(res, activitiesName(q), await this.publisher.activitiesFile(q));
  }

  @Get('organisations.xml')
  @ApiRoute(ORGANISATIONS)
  async organisations(@Res({ passthrough: true }) res: Response) {
    return send(res, 'organisations.xml', await this.publisher.organisationsFile());
  }
}

/**
 * The IATI files without sign-in, at stable URLs the IATI Registry can point to (one per
 * provider: `/public/iati/activities.xml?provider=<id>`). Served only where the deployment turns
 * the public view on (PUBLIC_VIEW=on).
 */
@ApiTags('public')
@Controller('public/iati')
export class PublicIatiController {
  constructor(@Inject(IatiPublisher) private readonly publisher: IatiPublisher) {}

  @Get('activities.xml')
  @ApiRoute({ ...ACTIVITIES, public: true })
  async activities(@ParsedQuery() q: QueryValues<typeof ACTIVITIES_QUERY>, @Res({ passthrough: true }) res: Response) {
    return send(res, activitiesName(q), await this.publisher.activitiesFile(q));
  }

  @Get('organisations.xml')
  @ApiRoute({ ...ORGANISATIONS, public: true })
  async organisations(@Res({ passthrough: true }) res: Response) {
    return send(res, 'organisations.xml', await this.publisher.organisationsFile());
  }
}
