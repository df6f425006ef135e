import { watch, type FSWatcher } from 'node:fs';

/** Timing of a folder watch. */
export interface WatchTiming {
  /** Quiet time after the last file event before the folder is read (a `git pull` touches many files at once). */
  debounceMs: number;
  /** Period of the fallback rescan. */
  rescanMs: number;
  /** Off in tests of the fallback alone. */
  useFsWatch: boolean;
}

/**
 * Within 2 s of a change outside the app: file events settle for 150 ms, and the 800 ms rescan catches what they
 * miss; the page's 700 ms poll of the version then sees it.
 */
export const DEFAULT_WATCH_TIMING: WatchTiming = { debounceMs: 150, rescanMs: 800, useFsWatch: true };

/**
 * Calls `onChange(true)` once file events in `dir` settle, and `onChange(false)` every `rescanMs` whatever happens:
 * fs.watch misses changes on network drives and some mounted folders (and may fail to start at all), so the periodic
 * rescan is what guarantees a change is seen; the events only make it quicker. A watch that fails is tried again on
 * each rescan. Timers and the watcher do not keep the process alive. Returns a stop function.
 */
export const watchFolder = (
  dir: string,
  onChange: (isFileEvent: boolean) => void,
  timing: WatchTiming = DEFAULT_WATCH_TIMING,
): (() => void) => {
  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const onEvent = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      onChange(true);
    }, timing.debounceMs);
    debounce.unref();
  };
  const closeWatcher = () => {
    watcher?.close();
    watcher = undefined;
  };
  const startWatcher = () => {
    try {
      watcher = watch(dir, { persistent: false }, onEvent);
      // A folder removed or a watch limit reached: the rescan carries on alone and tries again.
      watcher.on('error', closeWatcher);
    } catch {
      watcher = undefined;
    }
  };
  if (timing.useFsWatch) startWatcher();
  const rescan = setInterval(() => {
    // A folder that was gone (an unplugged drive) and is back gets its watch again.
    if (timing.useFsWatch && !watcher) startWatcher();
    onChange(false);
  }, timing.rescanMs);
  rescan.unref();
  return () => {
    closeWatcher();
    clearInterval(rescan);
    if (debounce) clearTimeout(debounce);
  };
};
