import type { Cost } from '../../../../shared/cost';
import type { RunMetrics, Usage } from '../../../../shared/run-events';
import { formatCost } from '../server/format-cost';
import { formatCount, formatMs } from './format';

/** The metrics of a finished run: time to first token, duration, tokens/s, token counts, cost from usage. */
export function MetricsLine({ metrics, usage, cost }: { metrics?: RunMetrics; usage?: Usage; cost?: Cost }) {
  if (!metrics && !usage) return null;
  const items: [string, string][] = [];
  if (metrics?.ttftMs !== undefined) items.push(['TTFT', formatMs(metrics.ttftMs)]);
  if (metrics) items.push(['Duration', formatMs(metrics.durationMs)]);
  if (metrics?.tokensPerSecond !== undefined)
    items.push(['Speed', `${metrics.tokensPerSecond.toFixed(1)} tok/s`]);
  if (usage?.prompt_tokens !== undefined) items.push(['Prompt', formatCount(usage.prompt_tokens)]);
  if (usage?.completion_tokens !== undefined)
    items.push(['Completion', formatCount(usage.completion_tokens)]);
  if (usage?.total_tokens !== undefined) items.push(['Total', formatCount(usage.total_tokens)]);
  if (cost) items.push(['Cost', formatCost(cost)]);
  if (metrics && metrics.attempts > 1) items.push(['Attempts', String(metrics.attempts)]);
  return (
    <dl className="metrics" aria-label="Run metrics">
      {items.map(([k, v]) => (
        <div key={k} className="metric">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
