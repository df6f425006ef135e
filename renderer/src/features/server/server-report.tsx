import { CHECKED_PARAMS, type CapabilityReport, type Feature } from '../../../../shared/capabilities';
import { describeParamCheck } from '../../../../shared/capability-rejections';
import { STATUS_TEXT } from './status-text';

const FEATURE_ROWS: [keyof CapabilityReport['features'], string][] = [
  ['models', '/v1/models reachable'],
  ['streaming', 'Streaming'],
  ['usageInStream', 'Usage in streams'],
  ['tokenize', 'Tokenize endpoint'],
];

const featureText = (f: Feature) =>
  `${f.state === 'yes' ? 'yes' : f.state === 'no' ? 'no' : 'unknown'}${f.detail ? ` (${f.detail})` : ''}`;

/** A stored check in full: when, what the server is, each feature and each parameter's status with its reason. */
export function ServerReport({ report }: { report: CapabilityReport }) {
  return (
    <section className="server-report" aria-label={`Server check of ${report.model}`}>
      <p className="server-report-head">
        Checked {new Date(report.checkedAt).toLocaleString()} ·{' '}
        {report.server === 'unknown' ? 'server' : report.server}
        {' · '}
        {report.requests.length} requests
        {report.tokensUsed !== undefined ? `, ${report.tokensUsed} tokens used` : ''}
      </p>
      <dl className="server-features">
        {FEATURE_ROWS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{featureText(report.features[key])}</dd>
          </div>
        ))}
        <div>
          <dt>Context length</dt>
          <dd>
            {report.contextLength
              ? `${report.contextLength.tokens} tokens (${report.contextLength.source})`
              : 'not reported'}
          </dd>
        </div>
        <div>
          <dt>system_fingerprint</dt>
          <dd>{report.systemFingerprint ?? 'none'}</dd>
        </div>
      </dl>
      <table className="server-params">
        <caption className="sr-only">Parameters</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {CHECKED_PARAMS.map((p) => {
            const check = report.params[p];
            return (
              <tr key={p}>
                <th scope="row">{p}</th>
                <td>
                  <span className={`badge cap-${check.status}`}>{STATUS_TEXT[check.status]}</span>
                </td>
                <td>{describeParamCheck(check)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
