/**
 * The one list of invoke methods, the IPC channel of each (derived from its name) and the one way to build a
 * transport's members from the list. It imports only types, so the sandboxed preload bundles nothing but this file.
 */
import type { ApiArgs, ApiReturn, InvokeMembers, InvokeMethod, PushMember } from './api';

/**
 * Every invoke method of PlaygroundApi, once. A name that is not a method fails to compile here, a method missing
 * from the list fails at INVOKE_CHANNELS (docs/architecture.md#complete-maps).
 */
export const INVOKE_METHODS = [
  'startRun',
  'cancelRun',
  'listModels',
  'getSettings',
  'updateSettings',
  'saveProfile',
  'removeProfile',
  'setApiKey',
  'clearApiKey',
  'getKeyStatus',
  'confirmKeyOrigin',
  'getDraft',
  'saveDraft',
  'listPresets',
  'savePreset',
  'deletePreset',
  'listHistory',
  'getHistoryEntry',
  'starHistoryEntry',
  'deleteHistoryEntry',
  'exportHistory',
  'getTeamFolder',
  'teamFolderVersion',
  'setTeamFolder',
  'chooseTeamFolder',
  'saveTeamPreset',
  'moveTeamPreset',
  'checkLocalEngine',
  'loadLocalModel',
  'localModelStatus',
  'cancelLocalModelLoad',
  'chooseLocalModelFile',
  'listCaseSets',
  'saveCaseSet',
  'deleteCaseSet',
  'saveGrid',
  'getGrid',
  'clearGrid',
  'planServerCheck',
  'checkServer',
  'listCapabilityReports',
  'countPromptTokens',
  'getPriceTables',
  'setPriceTable',
  'getRunChoices',
  'setRunChoices',
] as const satisfies readonly InvokeMethod[];

/** An IPC channel name. */
export type Channel = `playground:${string}`;

/** `startRun` → `playground:start-run`. */
const channelOf = (method: InvokeMethod): Channel =>
  `playground:${method.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** One `playground:verb-noun` channel per invoke method. */
export const INVOKE_CHANNELS = Object.fromEntries(
  INVOKE_METHODS.map((method) => [method, channelOf(method)]),
) as { readonly [M in (typeof INVOKE_METHODS)[number]]: Channel } satisfies Record<InvokeMethod, Channel>;

/** Channels main pushes on (webContents.send), one per push member. */
export const PUSH_CHANNELS = {
  onRunEvent: 'playground:run-event',
  onImportRequest: 'playground:import-request',
} as const satisfies Record<PushMember, Channel>;

const methodNames: ReadonlySet<string> = new Set(INVOKE_METHODS);

/** Whether a caller's string names an invoke method (never `constructor`, `__proto__` or a host-only member). */
export const isInvokeMethod = (name: unknown): name is InvokeMethod =>
  typeof name === 'string' && methodNames.has(name);

/** Sends one invoke call over a transport and resolves with its Result. */
export type InvokeCall = <M extends InvokeMethod>(method: M, args: ApiArgs<M>) => Promise<ApiReturn<M>>;

/**
 * One member per invoke method, each handing its arguments to `call`: how the preload, the http bridge and the test
 * fakes get their invoke members, so a new method reaches all of them from the list.
 */
export const invokeMembers = (call: InvokeCall): InvokeMembers =>
  Object.fromEntries(
    INVOKE_METHODS.map((method) => [
      method,
      (...args: unknown[]) => call(method, args as ApiArgs<typeof method>),
    ]),
  ) as InvokeMembers;
