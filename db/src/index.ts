export {
  createDb,
  type Database,
  type DatabaseKind,
  type Db,
  type DbConfig,
  dbConfigFromEnv,
  queryRows,
  type Tx,
} from './client';
export { readDbEnv } from './env';
export { markDataChanged, readDataset, wipeDatabase } from './instance';
export { MIGRATIONS_FOLDER, type MigrationState, migrateDb, readMigrationState } from './migrate';
export { recomputeRollups } from './rollups';
export * as schema from './schema/index';
