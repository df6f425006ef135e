export { createConfStore } from './conf-store';
export { moveAside, quarantineCorruptFile } from './quarantine';
export {
  STORE_DEFAULTS,
  STORE_LIST_KEYS,
  STORE_MIGRATIONS,
  STORE_SCHEMA_VERSION,
  storeOptions,
  type MigratableStore,
  type StoreName,
} from './store-schema';
