export {
  applyDefaultExecutingLevels,
  syncTargetSets,
  type TargetSetSync,
} from './applicability';
export { endOfGermanDaySql, germanDay, germanToday } from './calendar';
export {
  createDb,
  type Database,
  type DatabaseKind,
  type Db,
  type DbConfig,
  dbConfigFromEnv,
  intArray,
  queryRows,
  type Tx,
} from './client';
export { readDbEnv } from './env';
export { clearAllData, markDataChanged, readDataset } from './instance';
export {
  addMaturityModel,
  ensureBuiltinMaturityModels,
  listMaturityModels,
  recomputeAssessments,
  type StoredMaturityModel,
} from './maturity/index';
export { MIGRATIONS_FOLDER, type MigrationState, migrateDb, readMigrationState } from './migrate';
export { hashPassword, passwordProblem, verifyPassword } from './passwords';
export { ROLLUP_TOTALS, recomputeRollups } from './rollups';
export * as schema from './schema/index';
export { applyStatusDeltas, rebuildSnapshots, recomputeTotals, type StatusDelta } from './totals';
