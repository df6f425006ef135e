/** Run history: the file-backed HistoryStore and its helpers. */
export { createHistoryStore } from './history-store';
export type { FileHistoryStore, HistoryStats, HistoryStoreOptions } from './history-types';
export { listRunFiles, logFileBytes } from './history-files';
export { toCsv, toJsonl, redactEntry, csvField, CSV_COLUMNS } from './history-export';
