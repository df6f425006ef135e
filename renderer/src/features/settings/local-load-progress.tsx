import type { LocalModelStatus } from '../../../../shared/local-model';
import './local-model.css';

/**
 * Where a local model's load stands, in words and as a progress bar with Cancel while it loads. Shown in the local
 * profile editor and above the output while a run waits for its model.
 */
export function LocalLoadProgress({
  status,
  onCancel,
  idleText,
}: {
  status: LocalModelStatus | undefined;
  onCancel: () => void;
  /** What to say before any load (nothing when absent). */
  idleText?: string;
}) {
  if (!status) return null;
  switch (status.state) {
    case 'loading': {
      const percent = Math.round(status.progress * 100);
      return (
        <div className="local-load" role="group" aria-label="Model loading">
          <span role="status">Loading the model… {percent}%</span>
          <progress aria-label="Loading the model" max={1} value={status.progress} />
          <button type="button" className="button button-small" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'loaded':
      return (
        <p className="muted" role="status">
          Model loaded: runs start at once.
        </p>
      );
    case 'cancelled':
      return (
        <p className="muted" role="status">
          Loading was cancelled.
        </p>
      );
    case 'failed':
      return (
        <p className="form-message is-error" role="alert">
          The model could not be loaded: {status.error?.message ?? 'unknown error'}
        </p>
      );
    case 'idle':
      return idleText ? <p className="muted">{idleText}</p> : null;
  }
}
