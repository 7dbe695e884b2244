export {
  applyDefaultExecutingLevels,
  syncTargetSets,
  type TargetSetSync,
} from './applicability';
export {
  BackupError,
  type BackupHeader,
  backupDatabase,
  type RestoreTarget,
  readBackupHeader,
  readScheduledBackupConfig,
  restoreDatabase,
  runScheduledBackup,
  type ScheduledBackupConfig,
} from './backup';
export { endOfGermanDaySql, germanDay, germanToday, isoTimestampSql } from './calendar';
export { type Checksums, tableChecksums } from './checksums';
export {
  createDb,
  type Database,
  type DatabaseKind,
  type Db,
  type DbConfig,
  type Driver,
  dbConfigFromEnv,
  intArray,
  QUERY_CANCELED,
  queryRows,
  queryRowsAs,
  type ReadReplica,
  RowShapeError,
  type Tx,
  textArray,
} from './client';
export {
  type DatahubRegions,
  datahubCountsSql,
  differencesSql,
  markDatahubCountsStale,
  refreshDatahubCounts,
} from './datahub';
export {
  administrationsBelow,
  appendEventsSql,
  CONFIRMATION_FIELD,
  COUNTED_MATURITY_MODEL,
  CURRENT,
  carriesStatusesSql,
  countedModel,
  countedStatus,
  DERIVED_MODEL_FAMILY,
  type EventValues,
  isCityKreisSql,
  isConfirmationEvent,
  isCountedStatus,
  medianOfHistogramSql,
  newestAssessmentSql,
  onDay,
  staleConfirmationSql,
  stateOf,
  type Validity,
  validOn,
} from './domain-sql';
export { readDbEnv } from './env';
export {
  emptyRow,
  type FigureRow,
  FigureRowSchema,
  type Figures,
  figuresAsOf,
  groupFigures,
} from './figures';
export { clearAllData, RENEW_LINEAGE_SQL, readDataset } from './instance';
export {
  ensureDefaultKeyDates,
  type FrozenFigureRow,
  freezeDueKeyDates,
  freezeKeyDate,
  readKeyDateFigures,
} from './keydates';
export {
  addMaturityModel,
  ensureBuiltinMaturityModels,
  listMaturityModels,
  recomputeAssessments,
  type StoredMaturityModel,
} from './maturity/index';
export {
  APPLIED_MIGRATIONS_SQL,
  MIGRATIONS_FOLDER,
  type MigrationState,
  migrateDb,
  migrationState,
  readMigrationState,
} from './migrate';
export { type MigrateToResult, migrateToServer } from './migrate-to';
export { type ModelDelta, type ModelState, modelDeltas, readModelStates } from './model-totals';
export { hashPassword, passwordProblem, verifyPassword } from './passwords';
export { ROLLUP_TOTALS } from './rollups';
export * as schema from './schema/index';
export type { StatusDelta } from './totals';
export {
  applyStatusChanges,
  type DerivedChange,
  rebuildDerivedTables,
  type StatusWrite,
} from './write-path';
