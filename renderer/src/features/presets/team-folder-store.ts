import type { PlaygroundApi } from '../../../../shared/api';
import type { Result } from '../../../../shared/result';
import type { Preset } from '../../../../shared/schemas';
import type {
  TeamFolderView,
  TeamMove,
  TeamMoveResult,
  TeamPresetEntry,
  TeamSaveOptions,
} from '../../../../shared/team-folder';
import { createStore, type Store } from '../../state/tiny-store';

/**
 * How often the page asks whether the folder changed. The page polls a version number rather than being pushed to:
 * run events and import requests are the only pushed events (docs/architecture.md#invoke-and-push), and a push would
 * need a second event stream in web mode; one tiny call a second is cheap on both transports and still puts a
 * change outside the app on screen within 2 s (main notices it within about 1 s).
 */
export const TEAM_POLL_MS = 700;

/** What the page knows of the team folder. */
export interface TeamFolderState {
  view?: TeamFolderView;
  /** Why the last read failed. */
  error?: string;
}

/** The team folder's listing, kept current by polling, and its actions. */
export interface TeamFolderStore {
  store: Store<TeamFolderState>;
  /** Starts polling; returns the function that stops it. */
  start: () => () => void;
  /** Reads the listing now. */
  refresh: () => Promise<void>;
  save: (preset: Preset, options: TeamSaveOptions) => Promise<Result<TeamPresetEntry>>;
  move: (move: TeamMove) => Promise<Result<TeamMoveResult>>;
}

/** The folder's presets that read (the others are listed with their problem instead). */
export const teamPresetsOf = (view: TeamFolderView | undefined): Preset[] =>
  view?.presets.flatMap((e) => (e.preset ? [e.preset] : [])) ?? [];

/** The folder's entry whose preset has this id. */
export const teamEntryById = (view: TeamFolderView | undefined, id: string | undefined) =>
  id === undefined ? undefined : view?.presets.find((e) => e.preset?.id === id);

/** Makes the store; nothing is read until `start` or `refresh`. */
export function createTeamFolderStore(api: PlaygroundApi, pollMs = TEAM_POLL_MS): TeamFolderStore {
  const store = createStore<TeamFolderState>({});

  const refresh = async () => {
    const res = await api.getTeamFolder();
    store.set(res.ok ? { view: res.value } : { ...store.get(), error: res.error.message });
  };

  const poll = async () => {
    const res = await api.teamFolderVersion();
    if (res.ok && res.value !== store.get().view?.version) await refresh();
  };

  return {
    store,
    refresh,
    start() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let isStopped = false;
      const tick = () => {
        timer = setTimeout(() => {
          // A hidden page does not need the folder: it reads it again as soon as it is shown.
          const isHidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
          void (isHidden ? Promise.resolve() : poll()).finally(() => {
            if (!isStopped) tick();
          });
        }, pollMs);
      };
      void refresh().finally(() => {
        if (!isStopped) tick();
      });
      return () => {
        isStopped = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    },
    async save(preset, options) {
      const res = await api.saveTeamPreset(preset, options);
      if (res.ok) await refresh();
      return res;
    },
    async move(move) {
      const res = await api.moveTeamPreset(move);
      await refresh();
      return res;
    },
  };
}
