export { createTeamFolder, type TeamFolder, type TeamFolderDeps } from './team-folder';
export { DEFAULT_WATCH_TIMING, type WatchTiming } from './folder-watch';
