import { firstDivergence, type TokenLogprob } from '../../../../shared/token-logprobs';
import { formatPercent, labelToken } from './token-scale';

/** One side's generated tokens: the list and how many leading ones are its echoed prompt. */
export interface DivergenceSide {
  tokens: readonly TokenLogprob[];
  promptTokens: number;
}

/** One side at the divergence: its token there, and its logprob of its own token and of the other side's. */
export interface DivergenceView {
  /** Index into the side's whole token list (echo included), for marking it. */
  tokenIndex: number;
  token: TokenLogprob | undefined;
  /** Its logprob of the other side's token; undefined when that token is not among its reported alternatives. */
  otherLogprob: number | undefined;
}

/** Where two outputs first differ, counted in generated tokens. */
export interface Divergence {
  /** 0-based position among the generated tokens. */
  position: number;
  a: DivergenceView;
  b: DivergenceView;
}

const sameToken = (x: { token: string; bytes?: number[] }, y: { token: string; bytes?: number[] }) =>
  x.token === y.token &&
  (x.bytes === undefined || y.bytes === undefined || x.bytes.join() === y.bytes.join());

const sideAt = (side: DivergenceSide, position: number, other: TokenLogprob | undefined): DivergenceView => {
  const token = side.tokens[side.promptTokens + position];
  const alt = other && token ? token.top.find((t) => sameToken(t, other)) : undefined;
  return {
    tokenIndex: side.promptTokens + position,
    token,
    otherLogprob: other && token && sameToken(token, other) ? (token.logprob ?? undefined) : alt?.logprob,
  };
};

/** The first divergence of two outputs' generated tokens, or undefined when they are the same. */
export const divergenceOf = (a: DivergenceSide, b: DivergenceSide): Divergence | undefined => {
  const ga = a.tokens.slice(a.promptTokens);
  const gb = b.tokens.slice(b.promptTokens);
  const position = firstDivergence(ga, gb);
  if (position === undefined) return undefined;
  return { position, a: sideAt(a, position, gb[position]), b: sideAt(b, position, ga[position]) };
};

const chance = (logprob: number | null | undefined, top: number) =>
  logprob === null || logprob === undefined ? `not among its top ${top}` : formatPercent(logprob);

/** One column's sentence: what it chose there, how likely, and how likely it found the other column's token. */
function SideLine({ name, side, other }: { name: string; side: DivergenceView; other: DivergenceView }) {
  if (!side.token) return <p>{name} ended before this position.</p>;
  const top = side.token.top.length;
  return (
    <p>
      {name} chose <code>{labelToken(side.token.token)}</code> ({chance(side.token.logprob, top)})
      {other.token ? (
        <>
          {' '}
          and gave <code>{labelToken(other.token.token)}</code> {chance(side.otherLogprob, top)}
        </>
      ) : null}
      .
    </p>
  );
}

/** The first divergence of two Compare columns, with each side's probability of both tokens there. */
export function FirstDivergence({
  divergence,
  names,
}: {
  divergence: Divergence | undefined;
  names: [string, string];
}) {
  return (
    <section className="tok-divergence" aria-label="First divergence">
      {divergence ? (
        <>
          <p>
            <strong>First divergence at token {divergence.position + 1}</strong> (marked in both columns’
            token views)
          </p>
          <SideLine name={names[0]} side={divergence.a} other={divergence.b} />
          <SideLine name={names[1]} side={divergence.b} other={divergence.a} />
        </>
      ) : (
        <p>The two columns’ tokens are the same.</p>
      )}
    </section>
  );
}
