import { contextBudget } from '../../../../shared/token-budget';
import { estimateCost } from '../../../../shared/cost';
import { useDraftSelector } from '../../state/draft-store';
import { useServerSelector } from '../../state/server-store';
import { useSettings } from '../../state/settings-store';
import { formatCost } from './format-cost';
import { useActiveReport } from './param-badge';
import { usePromptTokens } from './use-prompt-tokens';

/**
 * Beside the prompt: its token count, always labelled "exact (server)", "exact (model tokenizer)" or "≈ estimate
 * (…)"; with a known context length, prompt + max_tokens against it (a warning when it cannot fit); and, with a
 * price for the model, the estimated cost of the run (prompt × n (× best_of) in, max_tokens per sequence out).
 */
export function PromptBudget() {
  const settings = useSettings();
  const profileId = settings?.activeProfileId ?? '';
  const prompt = useDraftSelector((s) => s.draft.params.prompt);
  const model = useDraftSelector((s) => s.draft.params.model.trim());
  const maxTokens = useDraftSelector((s) => s.draft.params.max_tokens);
  const n = useDraftSelector((s) => s.draft.params.n);
  const bestOf = useDraftSelector((s) => s.draft.params.best_of);
  const table = useServerSelector((s) => s.prices[profileId]);
  const report = useActiveReport();
  // A new report (a tokenize endpoint found) makes main count exactly: the hook counts again for it.
  const { count, isCounting } = usePromptTokens(profileId, model, prompt, report?.checkedAt ?? 0);
  if (!count) return <p className="prompt-budget muted">Counting tokens…</p>;

  const budget = contextBudget(count.count, maxTokens, n, report?.contextLength?.tokens);
  const cost = estimateCost({ model, n, best_of: bestOf, max_tokens: maxTokens }, count.count, table);
  return (
    <div className="prompt-budget" aria-busy={isCounting}>
      <span aria-label="Prompt tokens">
        {count.count.toLocaleString('en-US')} tokens · {count.label}
      </span>
      {budget.verdict !== 'unknown' ? (
        <span
          className={budget.verdict === 'fits' ? 'muted' : 'budget-warn'}
          role={budget.verdict === 'fits' ? undefined : 'alert'}
        >
          {' '}
          · {budget.needed.toLocaleString('en-US')} of {budget.contextLength.toLocaleString('en-US')} context
          tokens
          {maxTokens === undefined ? ' (max_tokens not set)' : ' with max_tokens'}
          {budget.verdict === 'does-not-fit'
            ? ` — does not fit: ${(-budget.spare).toLocaleString('en-US')} tokens too many`
            : ''}
        </span>
      ) : null}
      {cost ? (
        <span aria-label="Estimated cost">
          {' '}
          · estimated cost{' '}
          {cost.total
            ? `≤ ${formatCost(cost.total)}`
            : `${formatCost(cost.input)} in + output (max_tokens not set)`}
        </span>
      ) : null}
    </div>
  );
}
