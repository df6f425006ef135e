import type { AppError } from '../../../../shared/result';
import { errorHint } from './error-hint';

/** The error of a run: kind, HTTP status, server type/code, the server's message, and what to do. */
export function ErrorPanel({ error, isPartial }: { error: AppError; isPartial: boolean }) {
  const hint = errorHint(error);
  const facts: [string, string][] = [['Kind', error.kind]];
  if (error.status !== undefined) facts.push(['HTTP status', String(error.status)]);
  if (error.type) facts.push(['Type', error.type]);
  if (error.code !== undefined) facts.push(['Code', String(error.code)]);
  if (error.param) facts.push(['Param', error.param]);
  return (
    <div className="error-panel" role="alert" aria-label="Run error">
      <div className="error-title">
        <strong>Run failed</strong>
        {isPartial ? <span className="badge badge-warn">partial output kept below</span> : null}
      </div>
      <p className="error-message">{error.message}</p>
      <dl className="error-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {hint ? <p className="error-hint">{hint}</p> : null}
    </div>
  );
}
