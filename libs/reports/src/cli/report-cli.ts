import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { isLanguageCode, type LanguageCode } from '@ta/codelists';
import { ReportService, checkParameters, formatPosition, parsePosition, type ReportStore } from '../reports/report-service';
import { reportHtml } from '../reports/report-html';
import { htmlToPdf } from '../reports/report-pdf';
import { writeReportXlsx } from '../reports/report-xlsx';
import type { FoldProgress } from '../reports/report-data';

export const REPORT_USAGE =
  'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--lang ar|en|es|fr|ru|zh] [--format pdf|xlsx|json] [--position <commit>:<globalPosition>] [--gap-days 90] [--actor ID] [--out FILE]   (DATABASE_URL names the database)';

/** A progress bar on stderr, shown only once the work has taken more than a second. */
export function progressBar(stream: NodeJS.WritableStream = process.stderr, now: () => number = Date.now): { update(p: FoldProgress): void; stop(): void } {
  const started = now();
  let bar: SingleBar | undefined;
  return {
    update(p) {
      if (!bar) {
        if (now() - started < 1000) return;
        bar = new SingleBar({ stream, format: 'folding the log [{bar}] {percentage}% | {value}/{total} events | {eta}s left', noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
        bar.start(Math.max(p.target, p.eventsRead), p.eventsRead);
      }
      bar.setTotal(Math.max(p.target, p.eventsRead));
      bar.update(p.eventsRead);
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * Makes a report from the command line: as POST /reports does (the event recorded with the
 * CLI's actor, role secretariat: the CLI runs where the database is, as the Secretariat's
 * operators do), then writes the document to --out (or stdout).
 */
export async function reportCli(args: readonly string[], store: ReportStore, options: { stderr?: NodeJS.WritableStream; stdout?: NodeJS.WritableStream } = {}) {
  const { values } = parseArgs({
    args: [...args],
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      format: { type: 'string', default: 'pdf' },
      position: { type: 'string' },
      'gap-days': { type: 'string', default: '90' },
      actor: { type: 'string', default: `cli:${process.env.USER ?? 'operator'}` },
      out: { type: 'string' },
    },
  });
  if (!values.from || !values.to) throw new Error(`--from and --to are needed\n${REPORT_USAGE}`);
  const lang = values.lang!;
  if (!isLanguageCode(lang)) throw new Error(`--lang ${lang}: one of ar en es fr ru zh\n${REPORT_USAGE}`);
  const format = values.format!;
  if (!['pdf', 'xlsx', 'json'].includes(format)) throw new Error(`--format ${format}: one of pdf xlsx json\n${REPORT_USAGE}`);
  const parameters = checkParameters({ from: values.from, to: values.to, gapDays: Number(values['gap-days']) });
  const bar = progressBar(options.stderr ?? process.stderr);
  const service = new ReportService(store);
  let report;
  try {
    report = await service.generate(
      { parameters, ...(values.position ? { position: parsePosition(values.position) } : {}), actor: { id: values.actor!, role: 'secretariat' }, format, lang },
      (p) => bar.update(p),
    );
  } finally {
    bar.stop();
  }
  const document = await render(report.data, report.sha256, lang, format);
  if (values.out) writeFileSync(values.out, document);
  else (options.stdout ?? process.stdout).write(document);
  return { reportId: report.reportId, sha256: report.sha256, position: formatPosition(report.data.position), out: values.out };
}

async function render(data: Parameters<typeof reportHtml>[0], sha256: string, lang: LanguageCode, format: string): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify({ sha256, data }, null, 2)}\n`);
  if (format === 'pdf') return htmlToPdf(reportHtml(data, sha256, lang));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await writeReportXlsx(data, sha256, lang, out);
  await ended;
  return Buffer.concat(chunks);
}
