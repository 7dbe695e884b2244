export { type BoundariesImportSummary, importBoundaries } from './boundaries';
export { type KreisBoundary, parseBoundaries } from './boundaries-parse';
export { type CatalogImportSummary, importCatalog, parseCatalog } from './catalog';
export {
  DATAHUB_ONLINE_STATUSES,
  type DatahubFile,
  type DatahubImportSummary,
  type DatahubRecord,
  importDatahub,
  parseDatahub,
} from './datahub';
export { ImportFileError, ImportRefusedError, type ProgressReporter } from './errors';
export { type Gv100ImportSummary, importGv100, type Merger, type Succession, UNKNOWN_START } from './gv100';
export { parseGv100 } from './gv100-parse';
export { parseMaturityDefinition } from './maturity-definition';
export { parseQuestionnaireCsv, parseQuestionnaireJson, QUESTIONNAIRE_CSV_COLUMNS } from './questionnaire';
export { type CsvRecord, readSpreadsheetCsv } from './spreadsheet-csv';
export {
  binaryFileProblem,
  isZip,
  MAX_XLSX_UNPACKED_BYTES,
  readSpreadsheetXlsx,
  type XlsxRecord,
} from './spreadsheet-xlsx';
export {
  COMBINED_STATUS_RULE,
  importSuccessors,
  parseSuccessors,
  type SuccessorsImportSummary,
} from './successors';
export { decodeUploadedText, TextDecodingError, type TextEncoding } from './text-encoding';
export {
  importUsage,
  MAX_USAGE_COUNT,
  parseUsageCsv,
  USAGE_CSV_COLUMNS,
  type UsageImportSummary,
} from './usage';
