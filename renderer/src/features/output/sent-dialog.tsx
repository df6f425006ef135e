import type { RequestRecord, ResponseRecord } from '../../../../shared/run-events';
import { Modal } from '../../ui/modal';
import { SentReport } from '../server/sent-report';

function HeaderTable({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Props of the "What was sent" dialog. */
interface SentDialogProps {
  request: RequestRecord;
  response?: ResponseRecord;
  /** The run's profile and model: their stored server check is exported with the request. */
  profileId?: string;
  model?: string;
  onClose: () => void;
}

/**
 * The exact request of the run (URL, JSON body, headers with the key already redacted by main — docs/architecture.md#write-only-key) and
 * what came back (status, headers, the raw final chunk).
 */
export function SentDialog({ request, response, profileId, model, onClose }: SentDialogProps) {
  return (
    <Modal title="What was sent" onClose={onClose} wide>
      <section className="sent-section" aria-label="Request">
        <h3>Request</h3>
        <p className="sent-url">
          <span className="badge badge-muted">{request.method}</span> <code>{request.url}</code>
        </p>
        <h4>Headers</h4>
        <HeaderTable headers={request.headers} label="Request headers" />
        <h4>Body</h4>
        <pre className="code-block" aria-label="Request body" tabIndex={0}>
          {JSON.stringify(request.body, null, 2)}
        </pre>
      </section>
      <section className="sent-section" aria-label="Response">
        <h3>Response</h3>
        {response ? (
          <>
            <p>
              Status <strong>{response.status}</strong> {response.statusText}
            </p>
            <h4>Headers</h4>
            <HeaderTable headers={response.headers} label="Response headers" />
            <h4>Raw final chunk</h4>
            <pre className="code-block" aria-label="Raw final chunk" tabIndex={0}>
              {response.raw ?? '(none)'}
            </pre>
          </>
        ) : (
          <p className="muted">No response yet.</p>
        )}
      </section>
      <SentReport {...(profileId ? { profileId } : {})} {...(model ? { model } : {})} />
    </Modal>
  );
}
