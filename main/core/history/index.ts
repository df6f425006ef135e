/** Run history (issue 5 §6–7): the file-backed HistoryStore and its helpers. */
export {
  createHistoryStore,
  type FileHistoryStore,
  type HistoryStats,
  type HistoryStoreOptions,
} from './history-store';
export { toCsv, toJsonl, redactEntry, csvField, CSV_COLUMNS } from './history-export';
