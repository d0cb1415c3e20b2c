// Exports of the coordinated view's lists and views (CSV, XLSX), and report documents for a
// period (PDF, XLSX). The HTTP face is `@ta/reports/http`.
export { writeCsv, csvField, UTF8_BOM } from './exports/csv-writer';
export { writeXlsx, moneyFormat } from './exports/xlsx-writer';
export { viewTables, EXPORT_PAGE_ROWS } from './exports/view-tables';
export { majorUnits, type ExportTable, type Column } from './exports/table';
export { ReportService, parsePosition, formatPosition, checkParameters, reportStreamId, REPORT_GENERATED, type GeneratedReport, type ReportActor, type ReportStore, type ReportGeneratedData } from './reports/report-service';
export { reportData, reportHash, canonicalJson, foldToPosition, regionOf, type ReportData, type ReportParameters, type FoldProgress } from './reports/report-data';
export { reportHtml, barChart } from './reports/report-html';
export { htmlToPdf, chromiumPath } from './reports/report-pdf';
export { writeReportXlsx } from './reports/report-xlsx';
export { reportCli, progressBar, REPORT_USAGE } from './cli/report-cli';
