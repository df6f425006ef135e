/**
 * The IPC channel map, complete by construction (design rule 2): a missing method fails to compile. It imports only
 * types, so the sandboxed preload bundles nothing but these strings.
 */
import type { InvokeMethod, PushMember } from './api';

/** One `playground:verb-noun` channel per invoke method. */
export const INVOKE_CHANNELS = {
  startRun: 'playground:start-run',
  cancelRun: 'playground:cancel-run',
  listModels: 'playground:list-models',
  getSettings: 'playground:get-settings',
  updateSettings: 'playground:update-settings',
  saveProfile: 'playground:save-profile',
  removeProfile: 'playground:remove-profile',
  setApiKey: 'playground:set-api-key',
  clearApiKey: 'playground:clear-api-key',
  getKeyStatus: 'playground:get-key-status',
  confirmKeyOrigin: 'playground:confirm-key-origin',
  getDraft: 'playground:get-draft',
  saveDraft: 'playground:save-draft',
  listPresets: 'playground:list-presets',
  savePreset: 'playground:save-preset',
  deletePreset: 'playground:delete-preset',
  listHistory: 'playground:list-history',
  getHistoryEntry: 'playground:get-history-entry',
  starHistoryEntry: 'playground:star-history-entry',
  deleteHistoryEntry: 'playground:delete-history-entry',
  exportHistory: 'playground:export-history',
} as const satisfies Record<InvokeMethod, `playground:${string}`>;

/** Channels main pushes on (webContents.send), one per push member. */
export const PUSH_CHANNELS = {
  onRunEvent: 'playground:run-event',
  onImportRequest: 'playground:import-request',
} as const satisfies Record<PushMember, `playground:${string}`>;

/** Invoke method names, in a stable order. */
export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
