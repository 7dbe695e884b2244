export { DEMO_TODAY } from './global-setup';
export { type Gv100FixtureRecord, gv100Line, sampleGv100 } from './gv100-fixture';
export { modelSnapshotDifferences, modelTotalsDifferences, pastModelSnapshots } from './model-totals';
export { restoreCachedDemoDataDir } from './template-cache';
export {
  createDemoTestDatabase,
  createTestDatabase,
  OFFICIAL_DATA_DIR,
  preparedTestDatabases,
  readOfficialFile,
} from './test-db';
