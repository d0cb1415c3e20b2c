import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '@ta/core';
import { ApiRoute } from '@ta/platform/http';
import { SCHEMA_INDEX_FILE, schemaFiles } from '../schema-files/schema-files';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The integration events' JSON Schemas, public: the same bytes as the files under version
 * control (libs/contracts/schemas), so a consumer's build can fetch them from a deployment.
 */
@ApiTags('contracts')
@Controller('contracts/schemas')
export class ContractsController {
  private readonly files = schemaFiles();

  @Get()
  @ApiRoute({
    public: true,
    summary: 'The index of the Kafka contracts: every topic, its key, headers, event types and versions, and the file of each JSON Schema',
    description: 'Deduplicate by the event id: delivery is at least once. See docs/event-catalogue.md.',
    ok: { description: 'The index (libs/contracts/schemas/index.json)', schema: { type: 'object' } },
  })
  index(@Res({ passthrough: true }) res: Response): string {
    res.setHeader('Content-Type', JSON_TYPE);
    return this.files.get(SCHEMA_INDEX_FILE)!;
  }

  @Get(':topic/:file')
  @ApiParam({ name: 'topic', description: 'A topic name without the deployment prefix', example: 'ta.case.offers' })
  @ApiParam({ name: 'file', description: '`key.json`, or `<type>.v<version>.json` as the index lists', example: 'OfferRegistered.v1.json' })
  @ApiRoute({
    public: true,
    summary: "One JSON Schema (draft 2020-12): a topic's key, or the value of one event type at one schema version",
    ok: { description: 'The JSON Schema', schema: { type: 'object' } },
    problems: { 404: ['contracts.schema_not_found'] },
  })
  schema(@Param('topic') topic: string, @Param('file') file: string, @Res({ passthrough: true }) res: Response): string {
    const content = this.files.get(`${topic}/${file}`);
    if (content === undefined) throw new NotFoundError('contracts.schema_not_found', `No contract schema ${topic}/${file}: GET /contracts/schemas lists them`);
    res.setHeader('Content-Type', JSON_TYPE);
    return content;
  }
}
