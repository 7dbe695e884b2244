export {
  DATAHUB_CSV_COLUMNS,
  demoDatahubCsv,
  demoDatahubPages,
  demoDatahubXlsx,
  insertDemoDatahub,
} from './datahub';
export { insertDemoAssessments, insertDemoModelHistory } from './maturity';
export {
  DEMO_CONSULTING_MODULES,
  DEMO_HISTORY_START,
  DEMO_USERS,
  type DemoSeedResult,
  seedDemo,
} from './seed';
export { demoUsageCsv, insertDemoUsage } from './usage';
