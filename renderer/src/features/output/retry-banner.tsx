import type { RetryView } from '../../state/run-view';
import { Icon } from '../../ui/icons';
import { useNow } from './use-now';

/** The sentence of a retry banner, e.g. "Rate limited — retrying in 2 s (attempt 2 of 4)". */
export function retryText(retry: RetryView, now: number): string {
  const seconds = Math.max(0, Math.ceil((retry.until - now) / 1000));
  const why =
    retry.status === 429 ? 'Rate limited' : retry.status ? `Server answered ${retry.status}` : retry.reason;
  return `${why} — retrying in ${seconds} s (attempt ${retry.attempt} of ${retry.maxAttempts})`;
}

/** Shown while the engine waits to retry; Cancel ends the run. */
export function RetryBanner({ retry, onCancel }: { retry: RetryView; onCancel: () => void }) {
  const now = useNow(true, 250);
  return (
    <div className="banner banner-warn" role="status">
      <Icon name="warn" />
      <span className="banner-text">{retryText(retry, now)}</span>
      <button type="button" className="button button-small" onClick={onCancel} title="Cancel the retry (Esc)">
        Cancel
      </button>
    </div>
  );
}
