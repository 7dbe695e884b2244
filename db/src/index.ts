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
export {
  administrationsBelow,
  appendEventsSql,
  COUNTED_MATURITY_MODEL,
  CURRENT,
  carriesStatusesSql,
  countedModel,
  countedStatus,
  type EventValues,
  isCityKreisSql,
  isCountedStatus,
  onDay,
  stateOf,
  type Validity,
  validOn,
} from './domain-sql';
export { readDbEnv } from './env';
export { clearAllData, readDataset } from './instance';
export { MIGRATIONS_FOLDER, type MigrationState, migrateDb, readMigrationState } from './migrate';
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
