import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@ta/core';
import type { Viewer } from '@ta/coordination';
import { compareLogPositions, ExpectedVersion, type EventStore, type LogPosition } from '@ta/event-store';
import { foldToPosition, reportData, reportHash, type FoldProgress, type ReportData, type ReportParameters } from './report-data';

/** The stream of one generated report: its `ReportGenerated` event. */
export const reportStreamId = (reportId: string) => `report-${reportId}`;
export const REPORT_GENERATED = 'ReportGenerated';

/** Who asks for a report: an actor of the platform (the HTTP caller, or the CLI's `--actor`). */
export interface ReportActor extends Viewer {
  readonly id: string;
}

/** The `ReportGenerated` event's data: who asked (in the metadata), when, which parameters, at which position, the hash. */
export interface ReportGeneratedData {
  readonly reportId: string;
  readonly at: string;
  readonly parameters: ReportParameters;
  readonly position: { readonly commit: string; readonly globalPosition: number };
  readonly scope: ReportData['scope'];
  readonly sha256: string;
  /** The formats and language asked for first (the documents can be rendered again in any). */
  readonly format: string;
  readonly lang: string;
}

export interface GeneratedReport {
  readonly reportId: string;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly sha256: string;
  readonly data: ReportData;
}

/** The event store a report needs: read the log, find its readable head, record the generation. */
export type ReportStore = Pick<EventStore, 'readAll' | 'append' | 'readStream'> & { readableHead(): Promise<LogPosition> };

/** `commit:globalPosition`, as a report states its position; the inverse of `formatPosition`. */
export function parsePosition(text: string): LogPosition {
  const m = /^(\d{1,19}):(\d{1,15})$/.exec(text);
  if (!m) throw new ValidationError('report.invalid_position', 'position is <commit>:<globalPosition>, as a report states it', [{ path: '/position', message: 'not <commit>:<globalPosition>' }]);
  return { commit: m[1]!, position: Number(m[2]) };
}
export const formatPosition = (p: { commit: string; globalPosition: number }) => `${p.commit}:${p.globalPosition}`;

/** Checks a period: two calendar days, `from` before `to`. */
export function checkParameters(p: { from: string; to: string; gapDays: number }): ReportParameters {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const valid = (d: string) => day.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  const problems = [
    ...(valid(p.from) ? [] : [{ path: '/from', message: 'is not a calendar day YYYY-MM-DD' }]),
    ...(valid(p.to) ? [] : [{ path: '/to', message: 'is not a calendar day YYYY-MM-DD' }]),
    ...(valid(p.from) && valid(p.to) && p.from >= p.to ? [{ path: '/to', message: 'must be after from' }] : []),
    ...(Number.isInteger(p.gapDays) && p.gapDays >= 0 && p.gapDays <= 36500 ? [] : [{ path: '/gapDays', message: 'must be an integer from 0 to 36500' }]),
  ];
  if (problems.length > 0) throw new ValidationError('report.invalid_parameters', `Invalid report parameters: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  return { from: p.from, to: p.to, gapDays: p.gapDays };
}

/**
 * Generates reports: folds the log to a position (the readable head, or a given earlier one),
 * computes the data, hashes it, and records `ReportGenerated` (who, when, parameters, position,
 * hash) on the report's own stream. A report is read back by its id: its event names the
 * position, and the data is folded again (the same data: the hash is checked).
 */
export class ReportService {
  /** The last few reports' data, so that rendering a report just made in another format does not fold again. */
  private readonly recent = new Map<string, GeneratedReport>();

  constructor(
    private readonly store: ReportStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async generate(
    input: { parameters: ReportParameters; position?: LogPosition; actor: ReportActor; format: string; lang: string; correlationId?: string },
    onProgress?: (p: FoldProgress) => void,
  ): Promise<GeneratedReport> {
    const head = await this.store.readableHead();
    const position = input.position ?? head;
    if (compareLogPositions(position, head) > 0) {
      throw new ValidationError('report.position_not_reached', 'The position is past the head of the log', [{ path: '/position', message: `the head is ${head.commit}:${head.position}` }]);
    }
    const data = reportData(await foldToPosition(this.store, position, onProgress), position, input.parameters, input.actor);
    const sha256 = reportHash(data);
    const reportId = randomUUID();
    const at = this.clock().toISOString();
    const event: ReportGeneratedData = {
      reportId,
      at,
      parameters: input.parameters,
      position: { commit: position.commit, globalPosition: position.position },
      scope: data.scope,
      sha256,
      format: input.format,
      lang: input.lang,
    };
    await this.store.append(
      reportStreamId(reportId),
      [
        {
          id: randomUUID(),
          type: REPORT_GENERATED,
          schemaVersion: 1,
          data: event,
          metadata: { actorId: input.actor.id, actorRole: input.actor.role, correlationId: input.correlationId ?? randomUUID(), causationId: null, occurredAt: at },
        },
      ],
      ExpectedVersion.noStream,
    );
    return this.remember({ reportId, generatedAt: at, generatedBy: input.actor.id, sha256, data });
  }

  /** A report made before, by its id: only its author, or the Secretariat, may read it (else 404). */
  async get(reportId: string, actor: ReportActor, onProgress?: (p: FoldProgress) => void): Promise<GeneratedReport> {
    const known = this.recent.get(reportId);
    const notFound = () => new NotFoundError('report.not_found', `No report ${reportId}`, { reportId });
    if (known) {
      if (known.generatedBy !== actor.id && actor.role !== 'secretariat') throw notFound();
      return known;
    }
    const [event] = await this.store.readStream(reportStreamId(reportId));
    if (!event || event.type !== REPORT_GENERATED) throw notFound();
    if (event.metadata.actorId !== actor.id && actor.role !== 'secretariat') throw notFound();
    const recorded = event.data as ReportGeneratedData;
    const position = { commit: recorded.position.commit, position: recorded.position.globalPosition };
    const scope = { role: recorded.scope.role, ...(recorded.scope.country ? { country: recorded.scope.country } : {}), ...(recorded.scope.organisation ? { organisation: recorded.scope.organisation } : {}) } as Viewer;
    const data = reportData(await foldToPosition(this.store, position, onProgress), position, recorded.parameters, scope);
    const sha256 = reportHash(data);
    if (sha256 !== recorded.sha256) throw new Error(`report ${reportId}: the data folded again hashes to ${sha256}, not ${recorded.sha256}`);
    return this.remember({ reportId, generatedAt: recorded.at, generatedBy: event.metadata.actorId, sha256, data });
  }

  private remember(report: GeneratedReport): GeneratedReport {
    this.recent.set(report.reportId, report);
    while (this.recent.size > 16) this.recent.delete(this.recent.keys().next().value!);
    return report;
  }
}
