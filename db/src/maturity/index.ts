export {
  addMaturityModel,
  ensureBuiltinMaturityModels,
  listMaturityModels,
  type StoredMaturityModel,
} from './models';
