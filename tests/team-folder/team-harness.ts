/** A service over a temp data folder with a temp team folder chosen, and helpers that act like a colleague. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESET_FILE_FORMAT, PRESET_FILE_VERSION } from '../../shared/preset-format';
import type { TeamFolderView } from '../../shared/team-folder';
import { CALLER } from '../contract/contract-harness';
import { makeService, tempDir } from '../service/service-harness';

/** The value of a Result, or a throw with its message. */
export const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const made: string[] = [];

/** Removes every folder the helpers made. */
export const cleanupTeamDirs = () => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
};

/** A fresh empty folder to use as a team folder. */
export const teamDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-team-'));
  made.push(dir);
  return dir;
};

/** A service with a team folder set; `dataDir` can be passed again to relaunch on the same data. */
export const makeTeamService = async (
  options: Parameters<typeof makeService>[0] & { folder?: string } = {},
) => {
  const dataDir = options.dir ?? tempDir();
  if (!made.includes(dataDir)) made.push(dataDir);
  const folder = options.folder ?? teamDir();
  const built = makeService({ ...options, dir: dataDir });
  must(await built.service.setTeamFolder(folder, CALLER));
  return { ...built, folder, dataDir };
};

/** A one-preset file as a colleague (or git) would write it. */
export const presetFileText = (name: string, params: Record<string, unknown> = {}): string =>
  `${JSON.stringify(
    {
      format: PRESET_FILE_FORMAT,
      version: PRESET_FILE_VERSION,
      presets: [
        {
          name,
          description: '',
          params: { model: 'fake-model', prompt: '', stream: true, ...params },
          includesPrompt: false,
        },
      ],
    },
    null,
    2,
  )}\n`;

type Service = Awaited<ReturnType<typeof makeTeamService>>['service'];

/**
 * Polls like the page does (teamFolderVersion, then getTeamFolder when it moved) until `isDone` holds; resolves the
 * listing and how long it took, or throws after `timeoutMs`.
 */
export const waitForListing = async (
  service: Service,
  isDone: (view: TeamFolderView) => boolean,
  timeoutMs = 2000,
): Promise<{ view: TeamFolderView; elapsedMs: number }> => {
  const started = Date.now();
  let seen = -1;
  let last: TeamFolderView | undefined;
  while (Date.now() - started < timeoutMs) {
    const version = must(await service.teamFolderVersion(CALLER));
    if (version !== seen) {
      seen = version;
      last = must(await service.getTeamFolder(CALLER));
      if (isDone(last)) return { view: last, elapsedMs: Date.now() - started };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the listing did not change as expected within ${timeoutMs} ms: ${JSON.stringify(last)}`);
};

/** The file names of the listed presets. */
export const presetNames = (view: TeamFolderView) => view.presets.map((e) => e.fileName);
