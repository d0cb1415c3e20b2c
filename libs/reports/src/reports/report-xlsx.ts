import type { Writable } from 'node:stream';
import type { LanguageCode } from '@ta/codelists';
import { codeName, hasLabel, label } from '../texts/labels';
import { articleName, outcomeName, regionName, reportText, taTypeName, type ReportTextKey } from '../texts/report-texts';
import { column as col, onePage, type Column, type ExportTable } from '../exports/table';
import { writeXlsxSheets } from '../exports/xlsx-writer';
import type { ReportData, ReportFigures } from './report-data';
import { formatPosition } from './report-service';

const FIGURES: ReadonlyArray<keyof ReportFigures & ReportTextKey> = ['received', 'triaged', 'matched', 'delivered', 'followUps', 'needMet', 'needPartlyMet', 'needNotMet', 'gaps'];

/** Labels of the report's sheets: the report's own texts, addressed as `report.<key>` in the columns. */
function figureColumns<R extends ReportFigures>(first: Column<R>): Column<R>[] {
  return [first, ...FIGURES.map((f) => col<R>(f, `report.${f}`, 'integer', (r) => r[f]))];
}

interface PracticeRow {
  readonly group: string;
  readonly kind: 'total' | 'theme' | 'article' | 'kind';
  readonly code: string;
  readonly submitted: number;
  readonly published: number;
}

/** The practices digest as rows: the total, then one row per theme, article and kind. */
function practiceRows(data: ReportData, lang: LanguageCode): PracticeRow[] {
  const d = data.practices;
  return [
    { group: reportText('practices', lang), kind: 'total', code: '', submitted: d.submitted, published: d.published },
    ...d.byTheme.map((r) => ({ group: reportText('practiceTheme', lang), kind: 'theme' as const, ...r })),
    ...d.byArticle.map((r) => ({ group: reportText('practicesByArticle', lang), kind: 'article' as const, ...r })),
    ...d.byKind.map((r) => ({ group: reportText('practiceKind', lang), kind: 'kind' as const, ...r })),
  ];
}

function practiceCodeName(r: PracticeRow, lang: LanguageCode): string {
  if (r.kind === 'theme') return hasLabel(`practiceTheme.${r.code}`) ? label(`practiceTheme.${r.code}`, lang) : codeName('practice-themes', r.code, lang);
  if (r.kind === 'article') return articleName(r.code, lang);
  if (r.kind === 'kind') return hasLabel(`practiceKind.${r.code}`) ? label(`practiceKind.${r.code}`, lang) : r.code;
  return '';
}

/**
 * The report as an XLSX workbook: a sheet for the facts (period, position, date, hash), one per
 * breakdown and one for funding (amounts as numbers with their currency).
 */
export async function writeReportXlsx(data: ReportData, sha256: string, lang: LanguageCode, out: Writable): Promise<void> {
  const facts: Array<{ figure: string; value: string | number }> = [
    { figure: reportText('title', lang), value: `${data.parameters.from} – ${data.parameters.to}` },
    { figure: reportText('madeAt', lang), value: formatPosition(data.position) },
    { figure: reportText('recordedAt', lang), value: data.position.recordedAt ?? '' },
    { figure: reportText('hash', lang), value: sha256 },
    ...FIGURES.map((f) => ({ figure: reportText(f, lang), value: data.totals[f] })),
    { figure: reportText('overlapCount', lang), value: data.totals.overlaps },
  ];
  const sheets: ExportTable<unknown>[] = [
    { name: reportText('summary', lang), columns: [col('figure', 'col.figure', 'text', (r: (typeof facts)[number]) => r.figure), col('value', 'col.value', 'text', (r: (typeof facts)[number]) => r.value)], rows: onePage(async () => facts) },
    { name: reportText('byRegion', lang), columns: figureColumns(col('region', 'col.region', 'text', (r: ReportData['byRegion'][number], l) => regionName(r.region, l))), rows: onePage(async () => [...data.byRegion]) },
    { name: reportText('byArticle', lang), columns: figureColumns(col('article', 'col.article', 'text', (r: ReportData['byArticle'][number], l) => articleName(r.article, l))), rows: onePage(async () => [...data.byArticle]) },
    { name: reportText('byTaType', lang), columns: figureColumns(col('taType', 'col.taType', 'text', (r: ReportData['byTaType'][number], l) => taTypeName(r.taType, l))), rows: onePage(async () => [...data.byTaType]) },
    {
      name: reportText('byProvider', lang),
      columns: [
        col('provider', 'col.provider', 'text', (p: ReportData['byProvider'][number]) => p.provider),
        col('proposed', 'report.proposed', 'integer', (p: ReportData['byProvider'][number]) => p.proposed),
        col('agreed', 'report.agreed', 'integer', (p: ReportData['byProvider'][number]) => p.agreed),
        col('delivered', 'report.delivered', 'integer', (p: ReportData['byProvider'][number]) => p.delivered),
      ],
      rows: onePage(async () => [...data.byProvider]),
    },
    {
      name: reportText('outcomes', lang),
      columns: [col('outcome', 'col.outcome', 'text', (o: ReportData['outcomes'][number], l) => outcomeName(o.outcome, l)), col('count', 'col.count', 'integer', (o: ReportData['outcomes'][number]) => o.count)],
      rows: onePage(async () => [...data.outcomes]),
    },
    {
      name: reportText('overlaps', lang),
      columns: [
        col('country', 'col.country', 'text', (o: ReportData['overlaps'][number], l) => codeName('countries', o.country, l)),
        col('institution', 'col.institution', 'text', (o: ReportData['overlaps'][number]) => o.institution),
        col('article', 'col.article', 'text', (o: ReportData['overlaps'][number], l) => articleName(o.article, l)),
        col('engagements', 'col.engagements', 'integer', (o: ReportData['overlaps'][number]) => o.engagements),
      ],
      rows: onePage(async () => [...data.overlaps]),
    },
    {
      name: reportText('funding', lang),
      columns: [
        col('currency', 'col.unit', 'text', (f: ReportData['funding'][number]) => f.currency ?? reportText('expertDays', lang)),
        col('pledged', 'funding.pledged', 'money', (f: ReportData['funding'][number]) => f.pledged, (f) => f.currency),
        col('committed', 'funding.committed', 'money', (f: ReportData['funding'][number]) => f.committed, (f) => f.currency),
        col('delivered', 'funding.delivered', 'money', (f: ReportData['funding'][number]) => f.delivered, (f) => f.currency),
      ],
      rows: onePage(async () => [...data.funding]),
    },
    {
      name: reportText('practicesSheet', lang),
      columns: [
        col('group', 'col.figure', 'text', (r: PracticeRow) => r.group),
        col('code', 'col.value', 'text', (r: PracticeRow, l) => practiceCodeName(r, l)),
        col('submitted', 'report.practicesSubmitted', 'integer', (r: PracticeRow) => r.submitted),
        col('published', 'report.practicesPublished', 'integer', (r: PracticeRow) => r.published),
      ],
      rows: onePage(async () => practiceRows(data, lang)),
    },
  ] as ExportTable<unknown>[];
  await writeXlsxSheets(sheets, lang, out);
}
