import type { LanguageCode } from '@ta/codelists';
import { majorUnits } from '../exports/table';
import { codeName, hasLabel, label } from '../texts/labels';
import { articleName, outcomeName, regionName, reportText, taTypeName, type ReportTextKey } from '../texts/report-texts';
import type { ReportData, ReportFigures } from './report-data';
import { formatPosition } from './report-service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fonts Debian's fonts-noto-core and fonts-noto-cjk install, by script: Chinese in the CJK font's Simplified Chinese face. */
const FONTS: Record<LanguageCode, string> = {
  ar: "'Noto Sans Arabic', 'Noto Sans', sans-serif",
  zh: "'Noto Sans CJK SC', 'Noto Sans', sans-serif",
  en: "'Noto Sans', sans-serif",
  es: "'Noto Sans', sans-serif",
  fr: "'Noto Sans', sans-serif",
  ru: "'Noto Sans', sans-serif",
};

const FIGURES: ReadonlyArray<keyof ReportFigures & ReportTextKey> = ['received', 'triaged', 'matched', 'delivered', 'followUps', 'needMet', 'needPartlyMet', 'needNotMet', 'gaps'];

const number = (n: number, lang: LanguageCode) => new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang).format(n);

/** A horizontal bar chart as inline SVG (no script, no external resource), mirrored for right-to-left. */
export function barChart(bars: ReadonlyArray<{ label: string; values: readonly number[] }>, series: readonly string[], lang: LanguageCode): string {
  const colours = ['#1f5f8b', '#6aa84f', '#e69138', '#8e7cc3'];
  const rtl = lang === 'ar';
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const rowHeight = 14 * series.length + 10;
  const width = 640;
  const labelWidth = 220;
  const plot = width - labelWidth - 50;
  const height = bars.length * rowHeight + 30;
  const x = (v: number) => (rtl ? width - labelWidth - (v / max) * plot : labelWidth + 0);
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const y = i * rowHeight + 4;
    parts.push(`<text x="${rtl ? width - 4 : 4}" y="${y + rowHeight / 2}" text-anchor="${rtl ? 'end' : 'start'}" dominant-baseline="middle">${escape(b.label)}</text>`);
    b.values.forEach((v, s) => {
      const w = (v / max) * plot;
      parts.push(`<rect x="${x(v)}" y="${y + s * 14}" width="${w}" height="12" fill="${colours[s % colours.length]}"/>`);
      parts.push(`<text x="${rtl ? x(v) - 4 : labelWidth + w + 4}" y="${y + s * 14 + 6}" text-anchor="${rtl ? 'end' : 'start'}" dominant-baseline="middle" class="v">${number(v, lang)}</text>`);
    });
  });
  const legendY = bars.length * rowHeight + 16;
  series.forEach((s, i) => {
    const lx = rtl ? width - labelWidth - i * 150 : labelWidth + i * 150;
    parts.push(`<rect x="${rtl ? lx - 10 : lx}" y="${legendY - 5}" width="10" height="10" fill="${colours[i % colours.length]}"/>`);
    parts.push(`<text x="${rtl ? lx - 14 : lx + 14}" y="${legendY}" text-anchor="${rtl ? 'end' : 'start'}" dominant-baseline="middle">${escape(s)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, lang: LanguageCode): string {
  if (rows.length === 0) return `<p class="none">${escape(reportText('none', lang))}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="n"' : ''}>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function figuresSection(titleKey: ReportTextKey, rows: ReadonlyArray<{ name: string } & ReportFigures>, lang: LanguageCode): string {
  const t = (k: ReportTextKey) => reportText(k, lang);
  const chart = rows.length > 0 ? barChart(rows.map((r) => ({ label: r.name, values: [r.received, r.matched, r.delivered] })), [t('received'), t('matched'), t('delivered')], lang) : '';
  return `<section><h2>${escape(t(titleKey))}</h2>${chart}${table(
    ['', ...FIGURES.map((f) => t(f))],
    rows.map((r) => [r.name, ...FIGURES.map((f) => number(r[f], lang))]),
    lang,
  )}</section>`;
}

/** A money amount with its currency code (minor units to major), or expert-days. */
function amount(minor: number, currency: string | null, lang: LanguageCode): string {
  const major = Number(majorUnits(minor, currency));
  const digits = currency === null ? 0 : (majorUnits(minor, currency).split('.')[1]?.length ?? 0);
  const text = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
  return currency === null ? `${text} ${reportText('expertDays', lang)}` : `${text} ${currency}`;
}

/** The practices digest: totals, then by para 5 theme (with a chart), UNCAC article and kind. */
function practicesSection(data: ReportData, lang: LanguageCode): string {
  const t = (k: ReportTextKey) => reportText(k, lang);
  const d = data.practices;
  const counts = (rows: ReadonlyArray<{ code: string; submitted: number; published: number }>, name: (code: string) => string) => rows.map((r) => [name(r.code), number(r.submitted, lang), number(r.published, lang)]);
  const heads = (first: string) => [first, t('practicesSubmitted'), t('practicesPublished')];
  const themeName = (code: string) => (hasLabel(`practiceTheme.${code}`) ? label(`practiceTheme.${code}`, lang) : codeName('practice-themes', code, lang));
  const kindName = (code: string) => (hasLabel(`practiceKind.${code}`) ? label(`practiceKind.${code}`, lang) : code);
  const chart = d.byTheme.length > 0 ? barChart(d.byTheme.map((r) => ({ label: themeName(r.code), values: [r.submitted, r.published] })), [t('practicesSubmitted'), t('practicesPublished')], lang) : '';
  return `<section><h2>${escape(t('practices'))}</h2>${table([label('col.figure', lang), label('col.value', lang)], [[t('practicesSubmitted'), number(d.submitted, lang)], [t('practicesPublished'), number(d.published, lang)]], lang)}${chart}${table(heads(t('practiceTheme')), counts(d.byTheme, themeName), lang)}${table(heads(label('col.article', lang)), counts(d.byArticle, (c) => articleName(c, lang)), lang)}${table(heads(t('practiceKind')), counts(d.byKind, kindName), lang)}</section>`;
}

/**
 * The report as one HTML document (no script, no external resource: inline CSS and SVG charts),
 * in `lang` (Arabic right to left), for Chromium to print to PDF.
 */
export function reportHtml(data: ReportData, sha256: string, lang: LanguageCode): string {
  const t = (k: ReportTextKey) => reportText(k, lang);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const totals = FIGURES.map((f) => [t(f), number(data.totals[f], lang)] as const).concat([[t('overlapCount'), number(data.totals.overlaps, lang)]]);
  const scope = [data.scope.role, data.scope.country ? codeName('countries', data.scope.country, lang) : null, data.scope.organisation].filter(Boolean).join(' · ');
  const fundingRows = data.funding.map((l) => [l.currency ?? t('expertDays'), amount(l.pledged, l.currency, lang), amount(l.committed, l.currency, lang), amount(l.delivered, l.currency, lang)]);
  const fundingChart =
    data.funding.length > 0
      ? barChart(
          data.funding.map((l) => ({ label: l.currency ?? t('expertDays'), values: [l.pledged, l.committed, l.delivered].map((v) => Number(majorUnits(v, l.currency))) })),
          [label('funding.pledged', lang), label('funding.committed', lang), label('funding.delivered', lang)],
          lang,
        )
      : '';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-Hans' : lang}" dir="${dir}">
<head><meta charset="utf-8"><title>${escape(t('title'))}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: ${FONTS[lang]}; font-size: 10pt; color: #1a1a1a; }
  h1 { font-size: 17pt; margin: 0 0 4pt; }
  h2 { font-size: 12.5pt; margin: 14pt 0 6pt; border-bottom: 1px solid #1f5f8b; }
  .meta { color: #333; font-size: 8.5pt; margin: 2pt 0; }
  .hash { font-size: 7.5pt; direction: ltr; unicode-bidi: embed; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 8.5pt; }
  th, td { border: 1px solid #ccc; padding: 2pt 4pt; text-align: start; }
  td.n { text-align: end; font-variant-numeric: tabular-nums; }
  th { background: #eef3f7; }
  section { break-inside: avoid; }
  svg text { font-family: ${FONTS[lang]}; font-size: 9px; }
  svg text.v { font-size: 8px; fill: #333; }
  .none { color: #666; }
</style></head>
<body>
<h1>${escape(t('title'))}</h1>
<p class="meta">${escape(t('period'))}: <span dir="ltr">${escape(data.parameters.from)} – ${escape(data.parameters.to)}</span></p>
<p class="meta">${escape(t('madeAt'))} <span class="hash">${escape(formatPosition(data.position))}</span>, ${escape(t('recordedAt'))} <span dir="ltr">${escape(data.position.recordedAt ?? '–')}</span></p>
<p class="meta">${escape(t('scope'))}: ${escape(scope)}</p>
<p class="meta">${escape(t('hash'))}: <span class="hash">${escape(sha256)}</span></p>
<section><h2>${escape(t('summary'))}</h2>${table([label('col.figure', lang), label('col.value', lang)], totals.map(([k, v]) => [k, v]), lang)}</section>
${figuresSection('byRegion', data.byRegion.map((r) => ({ ...r, name: regionName(r.region, lang) })), lang)}
${figuresSection('byArticle', data.byArticle.map((r) => ({ ...r, name: articleName(r.article, lang) })), lang)}
${figuresSection('byTaType', data.byTaType.map((r) => ({ ...r, name: taTypeName(r.taType, lang) })), lang)}
<section><h2>${escape(t('byProvider'))}</h2>${table([label('col.provider', lang), t('proposed'), t('agreed'), t('delivered')], data.byProvider.map((p) => [p.provider, number(p.proposed, lang), number(p.agreed, lang), number(p.delivered, lang)]), lang)}</section>
<section><h2>${escape(t('outcomes'))}</h2>${table([label('col.outcome', lang), label('col.count', lang)], data.outcomes.map((o) => [outcomeName(o.outcome, lang), number(o.count, lang)]), lang)}</section>
<section><h2>${escape(t('overlaps'))}</h2>${table([label('col.country', lang), label('col.institution', lang), label('col.article', lang), label('col.engagements', lang)], data.overlaps.map((o) => [codeName('countries', o.country, lang), o.institution, articleName(o.article, lang), number(o.engagements, lang)]), lang)}</section>
${practicesSection(data, lang)}
<section><h2>${escape(t('funding'))}</h2>${fundingChart}${table([label('col.unit', lang), label('funding.pledged', lang), label('funding.committed', lang), label('funding.delivered', lang)], fundingRows, lang)}</section>
</body></html>`;
}
