import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { codelists } from '@ta/codelists';
import { ApiRoute, param, ParsedQuery, type QueryValues } from '@ta/platform/http';
import { DirectoryQueries, publicDirectoryCsv } from '../application/directory-queries';
import { PREVENTION_ARTICLES } from '../domain';
import { PublicDirectoryDto } from './directory.responses';

const codes = (list: Parameters<typeof codelists.list>[0]) => codelists.list(list).map((i) => i.code);
export const PUBLIC_DIRECTORY_QUERY = {
  country: param.enum(codes('countries'), { list: 'countries', example: 'KE' }),
  region: param.enum(codes('regions'), { list: 'regions', example: '014' }),
  article: param.enum(PREVENTION_ARTICLES, { list: 'uncac-articles', example: 'art-6' }),
  taType: param.enum(codes('ta-types'), { list: 'ta-types', example: 'c2-capacity-building' }),
  lang: param.enum(codes('languages'), { list: 'languages', description: "The reader's language for names", example: 'fr' }),
};

/**
 * The public directory, as UNODC publishes it: the notified national authorities by State with
 * their areas of assistance, without sign-in and without contact points. Served only where the
 * deployment turns the public view on (PUBLIC_VIEW=on); otherwise these routes do not exist.
 */
@ApiTags('public')
@Controller('public/directory')
export class PublicDirectoryController {
  constructor(@Inject(DirectoryQueries) private readonly queries: DirectoryQueries) {}

  @Get('authorities')
  @ApiRoute({ public: true, summary: 'The public directory of national prevention authorities (no contact points)', query: PUBLIC_DIRECTORY_QUERY, ok: { description: 'By State, then id', type: PublicDirectoryDto } })
  async authorities(@ParsedQuery() q: QueryValues<typeof PUBLIC_DIRECTORY_QUERY>) {
    return { items: await this.queries.publicAuthorities(q) };
  }

  @Get('authorities.csv')
  @ApiRoute({
    public: true,
    summary: 'The public directory as CSV (RFC 4180, UTF-8), one authority a line',
    query: PUBLIC_DIRECTORY_QUERY,
    ok: { description: 'country, country_name, authority, addresses, website, articles, ta_types, languages, notified_on', contentType: 'text/csv', schema: { type: 'string' } },
  })
  async csv(@ParsedQuery() q: QueryValues<typeof PUBLIC_DIRECTORY_QUERY>, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="national-prevention-authorities.csv"');
    return publicDirectoryCsv(await this.queries.publicAuthorities(q), q.lang ?? 'en');
  }
}
