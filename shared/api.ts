/**
 * The one contract between the renderer and the privileged side (docs/architecture.md#one-contract). The Electron
 * preload and the web http bridge each build an object that `satisfies PlaygroundApi`; main/core's service implements
 * the invoke methods. To add a method: declare it here, name it in INVOKE_METHODS (channels.ts), give it an argument
 * schema (api-schemas.ts) and a handler in the service; the transports and test fakes are built from that list.
 */
import type { LocalEngineCheck, LocalModelStatus } from './local-model';
import type { CompletionParams, OptionalParamKey } from './params';
import type { CapabilityReport, StoredReports } from './capabilities';
import type { PriceTable } from './cost';
import type { AppError, Result } from './result';
import type { TokenCount } from './token-budget';
import type { ChoiceEnd, RequestRecord, ResponseRecord, RunEvent, RunMetrics, Usage } from './run-events';
import type { TokenLogprob } from './token-logprobs';
import type {
  Draft,
  HistoryQuery,
  LocalModelSettings,
  Preset,
  ProfileInput,
  RetryPolicy,
  RunRequest,
  SettingsPatch,
  Theme,
} from './schemas';
import type {
  TeamFolderView,
  TeamMove,
  TeamMoveResult,
  TeamPresetEntry,
  TeamSaveOptions,
} from './team-folder';
import type { StoredCaseSet } from './cases/stored-case-set';
import type { ProfileRunChoices, RunChoices } from './run-choices';
import type { GridPlan, GridRunTag } from './grid/grid-plan';
import type { CellResult } from './grid/grid-types';

/** An endpoint profile as the renderer sees it: never a key. */
export interface Profile {
  id: string;
  name: string;
  /** "local": a GGUF file run in the app (see `local`); absent means an HTTP server. */
  kind?: 'local';
  /** As entered; a trailing `/v1` is accepted. Empty for a local profile, which has no server. */
  baseUrl: string;
  /** The model file and its settings, for a local profile. */
  local?: LocalModelSettings;
  defaultModel?: string;
  retry: RetryPolicy;
  /** Extra non-secret headers sent with every request. */
  headers: Record<string, string>;
  /** How long the server may take to send its response headers, in ms (unset: 60 s). */
  headersTimeoutMs?: number;
  /** How long the server may stay silent between two pieces of the body, in ms (unset: 60 s). */
  idleTimeoutMs?: number;
}

/** Where a profile's key is kept. */
export type KeyStorage = 'os-encrypted' | 'session' | 'environment' | 'none';

/** What the renderer may know about a key: whether it exists, where it lives, its last four characters. */
export interface KeyStatus {
  profileId: string;
  configured: boolean;
  storage: KeyStorage;
  last4?: string;
  /** Why the key is only kept for this session (no OS encryption available), to tell the user. */
  sessionOnlyReason?: string;
  /** Set when the profile's base URL moved to another origin: the key is not sent until confirmKeyOrigin. */
  originMismatch?: { keyOrigin: string; profileOrigin: string };
}

/** Settings as the renderer sees them. */
export interface SettingsView {
  profiles: Profile[];
  activeProfileId: string;
  theme: Theme;
  compareConcurrency: number;
  /** Most runs kept in history (0 = keep none). */
  historyRetention: number;
  /** Most characters a run keeps per choice; a longer output ends with "output limit reached". */
  outputLimitChars: number;
  lastModel?: string;
  /** Things the user must be told once, e.g. a corrupt settings file that was moved aside. */
  notices: string[];
}

/** One entry of `GET /v1/models`. */
export interface ModelInfo {
  id: string;
  ownedBy?: string;
}

/** How a recorded run ended; `interrupted` means the app stopped before the run did. */
export type HistoryStatus = 'running' | 'done' | 'error' | 'cancelled' | 'interrupted';

/** A parameter a history row can show: every optional one but the free-text `user`, and stream. */
export type BriefParamKey = Exclude<OptionalParamKey, 'user'> | 'stream';

/**
 * The parameters of a run in brief, to tell runs apart in a list: each number and switch that was set, as sent;
 * stop sequences and logit bias by how many entries they had. A parameter that was not set has no entry.
 */
export type ParamsBrief = Partial<Record<BriefParamKey, number | boolean>>;

/** A history row, small enough to list thousands. */
export interface HistorySummary {
  id: string;
  startedAt: number;
  status: HistoryStatus;
  model: string;
  profileName: string;
  presetName?: string;
  promptPreview: string;
  outputPreview: string;
  starred: boolean;
  durationMs?: number;
  /** The run's parameters in brief (filled from its file with the previews; absent for a row not listed yet). */
  paramsBrief?: ParamsBrief;
  /** The grid and cell this run was, for a grid cell's run. */
  grid?: GridRunTag;
  /** The profile it ran on and the tokens it used, for its cost (filled with the previews, like paramsBrief). */
  profileId?: string;
  usage?: Usage;
}

/** Everything recorded of a run. */
export interface HistoryEntry extends HistorySummary {
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  profileId: string;
  request: RequestRecord;
  /** Text per choice index, partial when the run did not finish. */
  outputs: string[];
  choices?: ChoiceEnd[];
  usage?: Usage;
  metrics?: RunMetrics;
  error?: AppError;
  response?: ResponseRecord;
  /** Token probabilities per choice index, when the run asked for them (bounded: the first tokens of a long run). */
  tokens?: TokenLogprob[][];
  /** Per choice, how many leading tokens are the echoed prompt. */
  promptTokens?: number[];
  /** The run this one branched from ("Continue with ‹token›"): History links to it. */
  parentRunId?: string;
}

/** A grid kept for Resume: its plan and the cells that finished (rebuilt from history). */
export interface StoredGrid {
  plan: GridPlan;
  results: CellResult[];
}

/** A page of history search results. */
export interface HistoryPage {
  total: number;
  items: HistorySummary[];
}

/** The contract. Methods return Results; `on*` members subscribe to pushed events and return an unsubscribe. */
export interface PlaygroundApi {
  /** Starts a run; its events arrive through onRunEvent, ending in exactly one terminal event. */
  startRun(request: RunRequest): Promise<Result<{ runId: string }>>;
  /** Aborts a run this page started; it then ends with `cancelled` (once). Another page's run is left alone. */
  cancelRun(runId: string): Promise<Result<{ wasRunning: boolean }>>;
  /** Subscribes to the events of the runs this window started. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
  /** Reads `GET /v1/models` of a profile. */
  listModels(profileId: string): Promise<Result<ModelInfo[]>>;

  getSettings(): Promise<Result<SettingsView>>;
  updateSettings(patch: SettingsPatch): Promise<Result<SettingsView>>;
  /** Adds (no id) or edits a profile. */
  saveProfile(input: ProfileInput): Promise<Result<Profile>>;
  removeProfile(profileId: string): Promise<Result<SettingsView>>;

  /** Stores a key for a profile; write-only: there is no getter (docs/architecture.md#write-only-key). */
  setApiKey(profileId: string, apiKey: string): Promise<Result<KeyStatus>>;
  clearApiKey(profileId: string): Promise<Result<KeyStatus>>;
  getKeyStatus(profileId: string): Promise<Result<KeyStatus>>;
  /** The user agrees to send the key to the profile's new origin. */
  confirmKeyOrigin(profileId: string): Promise<Result<KeyStatus>>;

  getDraft(): Promise<Result<Draft | null>>;
  saveDraft(draft: Draft): Promise<Result<null>>;

  listPresets(): Promise<Result<Preset[]>>;
  /** Adds or replaces a preset by id. */
  savePreset(preset: Preset): Promise<Result<Preset>>;
  /** Deletes a preset and returns it, so the UI can undo by saving it again. */
  deletePreset(presetId: string): Promise<Result<Preset>>;

  listHistory(query: HistoryQuery): Promise<Result<HistoryPage>>;
  getHistoryEntry(entryId: string): Promise<Result<HistoryEntry>>;
  starHistoryEntry(entryId: string, starred: boolean): Promise<Result<HistorySummary>>;
  deleteHistoryEntry(entryId: string): Promise<Result<null>>;
  exportHistory(format: 'jsonl' | 'csv'): Promise<Result<string>>;

  /** The team folder setting and the presets and case sets it holds. */
  getTeamFolder(): Promise<Result<TeamFolderView>>;
  /** A number that rises when the folder's listing changes: cheap enough to poll (web mode has no push for it). */
  teamFolderVersion(): Promise<Result<number>>;
  /** Uses the folder at this path (checked: exists, is a folder, readable); null stops using one. */
  setTeamFolder(path: string | null): Promise<Result<TeamFolderView>>;
  /** Shows the OS folder picker (desktop only) and uses the folder chosen; null when the user cancelled. */
  chooseTeamFolder(): Promise<Result<TeamFolderView | null>>;
  /** Writes a preset to the folder (atomically, diff-friendly, never a key); refused if the file changed since. */
  saveTeamPreset(preset: Preset, options: TeamSaveOptions): Promise<Result<TeamPresetEntry>>;
  /** Moves a preset from "Mine" to the folder or back: written in its new place before it leaves the old one. */
  moveTeamPreset(move: TeamMove): Promise<Result<TeamMoveResult>>;

  /** Whether local (GGUF) models can run on this machine: node-llama-cpp and its binary, or what failed. */
  checkLocalEngine(): Promise<Result<LocalEngineCheck>>;
  /** Starts loading a local profile's model (or joins the load under way) and answers its status at once. */
  loadLocalModel(profileId: string): Promise<Result<LocalModelStatus>>;
  /** Where a local profile's model load stands: cheap enough to poll while it loads. */
  localModelStatus(profileId: string): Promise<Result<LocalModelStatus>>;
  /** Cancels the load under way of a local profile's model; a run waiting for it ends cancelled. */
  cancelLocalModelLoad(profileId: string): Promise<Result<LocalModelStatus>>;
  /** Shows the OS file picker for a .gguf file (desktop only); null when the user cancelled. */
  chooseLocalModelFile(): Promise<Result<string | null>>;
  /** The case sets stored with the user's data. */
  listCaseSets(): Promise<Result<StoredCaseSet[]>>;
  /** Adds or replaces a case set by id; written before it is returned. */
  saveCaseSet(set: StoredCaseSet): Promise<Result<StoredCaseSet>>;
  /** Deletes a case set and returns it, so the UI can undo by saving it again. */
  deleteCaseSet(id: string): Promise<Result<StoredCaseSet>>;
  /** Stores the grid about to run (again when repeats are added), so a restart can resume it. */
  saveGrid(plan: GridPlan): Promise<Result<null>>;
  /** The stored grid with its finished cells rebuilt from history; null when there is none. */
  getGrid(): Promise<Result<StoredGrid | null>>;
  /** Forgets the stored grid if it is this one (its runs stay in history). */
  clearGrid(gridId: string): Promise<Result<null>>;

  /** Subscribes to share codes opened from outside (an `r9s-playground://import?code=` link). */
  onImportRequest(listener: (code: string) => void): () => void;

  /** What checking a profile costs before it starts (requests, tokens), and whether it may run by itself. */
  planServerCheck(profileId: string): Promise<Result<ServerCheckPlan>>;
  /** Runs the bounded capability check of a profile + model, stores its report and returns it. */
  checkServer(profileId: string, model: string): Promise<Result<CapabilityReport>>;
  /** Every stored report, one per profile + model, newest first. */
  listCapabilityReports(): Promise<Result<StoredReports>>;
  /**
   * Counts a prompt's tokens: exactly through the server's tokenize endpoint (when a check found one) or a local
   * model's own tokenizer, else a labelled estimate (gpt-tokenizer for OpenAI model families, rough otherwise). A
   * newer count from the same page cancels this one.
   */
  countPromptTokens(profileId: string, model: string, text: string): Promise<Result<TokenCount>>;
  /** Every profile's price table (settings only: never in presets, exports or share codes). */
  getPriceTables(): Promise<Result<PriceTables>>;
  /** Stores (or, with null, removes) a profile's price table; written before it is returned. */
  setPriceTable(profileId: string, table: PriceTable | null): Promise<Result<PriceTables>>;
  /** The pre-run answers remembered per profile. */
  getRunChoices(): Promise<Result<RunChoices>>;
  /** Stores (or, with null, forgets) a profile's remembered answers; written before it is returned. */
  setRunChoices(profileId: string, choices: ProfileRunChoices | null): Promise<Result<RunChoices>>;
}

/** Price tables by profile id. */
export type PriceTables = Record<string, PriceTable>;

/** What a check of one profile will send, said before it starts. */
export interface ServerCheckPlan {
  profileId: string;
  /** Requests it sends (0 for a local model: its support is known without asking). */
  requests: number;
  /** Most tokens it may spend (prompt estimate + most generated). */
  tokens: number;
  /** "12 requests (9 completions of at most 2 tokens), ≈ 126 tokens". */
  summary: string;
  /** Loopback or private address (or a local model) and automatic checks on: the page may check unasked. */
  automatic: boolean;
}

/** The members of PlaygroundApi that push events instead of being invoked. */
export type PushMember = 'onRunEvent' | 'onImportRequest';

/** The members that are request/response calls (one channel each). */
export type InvokeMethod = Exclude<keyof PlaygroundApi, PushMember>;

/** The argument tuple of an invoke method. */
export type ApiArgs<M extends InvokeMethod> = Parameters<PlaygroundApi[M]>;

/** What the Result of an invoke method carries when it succeeds. */
export type ApiValue<M extends InvokeMethod> =
  Awaited<ReturnType<PlaygroundApi[M]>> extends Result<infer T> ? T : never;

/** The resolved value of an invoke method: a Result, so a failure value fits every method. */
export type ApiReturn<M extends InvokeMethod> = Result<ApiValue<M>>;

/** The invoke members of PlaygroundApi: what a transport forwards. */
export type InvokeMembers = Pick<PlaygroundApi, InvokeMethod>;

/** The invoke methods as the host implements them: the call's arguments, then the context of the caller. */
export type InvokeHandlers<Ctx> = {
  [M in InvokeMethod]: (...args: [...ApiArgs<M>, Ctx]) => Promise<ApiReturn<M>>;
};
