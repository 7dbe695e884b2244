export { recomputeAssessments } from './assessments';
export {
  addMaturityModel,
  ensureBuiltinMaturityModels,
  listMaturityModels,
  type StoredMaturityModel,
} from './models';
