export { type Gv100FixtureRecord, gv100Line, sampleGv100 } from './gv100-fixture';
export { createTestDatabase, OFFICIAL_DATA_DIR, readOfficialFile } from './test-db';
