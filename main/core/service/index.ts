export { createPlaygroundService, type PlaygroundService, type ServiceDeps } from './create-service';
export type { RunContext } from './run-manager';
export { DEFAULT_BASE_URL, SEEDED_PROFILE_ID } from './profiles';
export { DRAFT_WRITE_DELAY_MS } from './settings-repo';
export { PROGRESS_INTERVAL_MS } from './run-recorder';
