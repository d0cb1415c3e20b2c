// Exports of the coordinated view's lists and views (CSV, XLSX), and report documents for a
// period (PDF, XLSX). The HTTP face is `@ta/reports/http`.
export { writeCsv, csvField, UTF8_BOM } from './exports/csv-writer';
export { writeXlsx, moneyFormat } from './exports/xlsx-writer';
export { viewTables, EXPORT_PAGE_ROWS } from './exports/view-tables';
export { majorUnits, type ExportTable, type Column } from './exports/table';
