/**
 * A prompt's token count, always labelled with where it came from, and whether prompt + max_tokens fits the
 * context window. The page shows the label next to the number: a count is never passed off as exact when it is not.
 */

/** A token count and how it was made. */
export interface TokenCount {
  count: number;
  /** True only when the server's own tokenizer counted it. */
  exact: boolean;
  /** "exact (server)", "≈ estimate (o200k_base)" or "≈ rough estimate (4 characters per token)". */
  label: string;
}

/** The label of a count made by the server's tokenize endpoint. */
export const EXACT_LABEL = 'exact (server)';

/** The label of the fallback estimate, used when no tokenizer is known for the model. */
export const ROUGH_LABEL = '≈ rough estimate (4 characters per token)';

/** The label of an estimate made with a named tokenizer (an encoding of gpt-tokenizer, say). */
export const estimateLabel = (tokenizer: string): string => `≈ estimate (${tokenizer})`;

/** Whether a run fits its context window, with the numbers to show. */
export type ContextBudget =
  | { verdict: 'unknown'; promptTokens: number }
  | {
      verdict: 'fits' | 'does-not-fit';
      promptTokens: number;
      /** max_tokens as set; undefined when not set (the server then decides how long to go). */
      maxTokens: number | undefined;
      contextLength: number;
      /** Tokens one choice needs: prompt + max_tokens (prompt + 1 when max_tokens is not set). */
      needed: number;
      /** contextLength − needed; negative by how much it does not fit. */
      spare: number;
      /** Tokens all choices may generate together: max_tokens × n (each choice is its own sequence). */
      generated: number | undefined;
    };

/**
 * Prompt + max_tokens against the context length. Each of the n choices is a separate sequence that holds the prompt,
 * so n does not change what must fit, only how much is generated in total. Without max_tokens a prompt fits when it
 * leaves room for at least one token.
 */
export const contextBudget = (
  promptTokens: number,
  maxTokens: number | undefined,
  n: number | undefined,
  contextLength: number | undefined,
): ContextBudget => {
  if (contextLength === undefined || contextLength <= 0) return { verdict: 'unknown', promptTokens };
  const needed = promptTokens + (maxTokens ?? 1);
  const spare = contextLength - needed;
  return {
    verdict: spare >= 0 ? 'fits' : 'does-not-fit',
    promptTokens,
    maxTokens,
    contextLength,
    needed,
    spare,
    generated: maxTokens === undefined ? undefined : maxTokens * Math.max(1, n ?? 1),
  };
};
