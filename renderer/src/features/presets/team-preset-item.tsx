import type { TeamCaseSetEntry, TeamFileProblem, TeamPresetEntry } from '../../../../shared/team-folder';
import { visibleText } from '../../../../shared/visible-text';
import type { ReadableTeamEntry } from './use-team-sync';

/** Props of one team preset row. */
interface TeamPresetItemProps {
  entry: ReadableTeamEntry;
  isLoaded: boolean;
  isModified: boolean;
  foreignOrigin?: string;
  /** Absent when the folder cannot be written (a read-only checkout). */
  onMoveToMine?: () => void;
  onLoad: () => void;
}

/** A preset of the team folder: its name, its file, badges, and Load / Move to mine. */
export function TeamPresetItem({ entry, ...props }: TeamPresetItemProps) {
  const { preset } = entry;
  const name = visibleText(preset.name);
  return (
    <li className="preset-item" aria-label={name}>
      <div className="preset-title">
        <strong>{name}</strong>
        {props.isLoaded ? <span className="badge badge-ok">loaded</span> : null}
        {props.isLoaded && props.isModified ? <span className="badge badge-warn">modified</span> : null}
        {preset.includesPrompt ? <span className="badge badge-muted">with prompt</span> : null}
        <span className="muted preset-model">{visibleText(preset.params.model) || 'no model'}</span>
      </div>
      <p className="team-file muted">
        <code>{visibleText(entry.fileName)}</code>
      </p>
      {preset.description ? <p className="preset-description">{preset.description}</p> : null}
      {props.foreignOrigin ? (
        <p className="param-note param-note-warn">
          Made for {props.foreignOrigin}. Loading it keeps your active profile; your key is not sent there.
        </p>
      ) : null}
      <div className="preset-actions">
        <button
          type="button"
          className="button button-small button-primary"
          aria-label={`Load ${name}`}
          onClick={props.onLoad}
        >
          Load
        </button>
        {props.onMoveToMine ? (
          <button
            type="button"
            className="button button-small"
            aria-label={`Move ${name} to my presets`}
            onClick={props.onMoveToMine}
          >
            Move to mine
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** What is wrong with a file, naming the field or line. */
function ProblemText({ problem }: { problem: TeamFileProblem }) {
  return (
    <p className="form-message is-error">
      {problem.field && !problem.message.startsWith(problem.field) ? `${problem.field}: ` : ''}
      {problem.message}
    </p>
  );
}

/** A file of the folder that does not read: listed with its problem, with no action that could change it. */
export function TeamProblemItem({ entry }: { entry: TeamPresetEntry | TeamCaseSetEntry }) {
  const fileName = visibleText(entry.fileName);
  return (
    <li className="preset-item team-problem" aria-label={fileName}>
      <div className="preset-title">
        <code>{fileName}</code>
        <span className="badge badge-danger">
          {entry.problem?.isMergeConflict ? 'merge conflict' : 'cannot be read'}
        </span>
      </div>
      {entry.problem ? <ProblemText problem={entry.problem} /> : null}
      <p className="muted">Left as it is: fix the file and it appears here.</p>
    </li>
  );
}

/** A case set of the folder, summarised. */
export function TeamCaseSetItem({ entry }: { entry: TeamCaseSetEntry }) {
  if (entry.problem) return <TeamProblemItem entry={entry} />;
  const name = visibleText(entry.name ?? entry.fileName);
  const rows = entry.rowCount ?? 0;
  return (
    <li className="preset-item" aria-label={name}>
      <div className="preset-title">
        <strong>{name}</strong>
        <span className="muted">
          {rows} case{rows === 1 ? '' : 's'}
          {entry.variables?.length ? ` · ${entry.variables.map((v) => `{{${v}}}`).join(' ')}` : ''}
        </span>
      </div>
      <p className="team-file muted">
        <code>{visibleText(entry.fileName)}</code>
      </p>
    </li>
  );
}
