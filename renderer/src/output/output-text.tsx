import { memo, useState } from 'react';
import { blockSegments, extendBlockEnds, HARD_BLOCK, SOFT_BLOCK } from './text-blocks';

const Block = memo(
  function Block({
    text,
    start,
    end,
    echoLength,
  }: {
    text: string;
    start: number;
    end: number;
    echoLength: number;
  }) {
    const segments = blockSegments(text, start, end, echoLength);
    return (
      <div className="out-block">
        {segments.map((s, i) =>
          s.isEcho ? (
            <span key={i} className="echo" title="Echoed prompt">
              {s.text}
            </span>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </div>
    );
  },
  // The text is append-only within a run, so a block whose bounds did not move shows the same characters.
  (a, b) => a.start === b.start && a.end === b.end && a.echoLength === b.echoLength,
);

/** Closed blocks per group: a closing re-renders one group, not every block of a long output. */
const GROUP_SIZE = 16;

/** Blocks `from`…`to` − 1 of the closed ones; a full group never changes again. */
const BlockGroup = memo(
  function BlockGroup(props: {
    text: string;
    ends: readonly number[];
    from: number;
    to: number;
    echoLength: number;
  }) {
    const { text, ends, from, to, echoLength } = props;
    return ends
      .slice(from, to)
      .map((end, k) => (
        <Block key={from + k} text={text} start={ends[from + k - 1] ?? 0} end={end} echoLength={echoLength} />
      ));
  },
  // Closed block ends never move, so a group whose range did not change shows the same characters.
  (a, b) => a.from === b.from && a.to === b.to && a.echoLength === b.echoLength,
);

/** The closed blocks: re-rendered only when a block closes (their text never changes afterwards). */
const ClosedBlocks = memo(
  function ClosedBlocks({
    text,
    ends,
    echoLength,
  }: {
    text: string;
    ends: readonly number[];
    echoLength: number;
  }) {
    const groups = Math.ceil(ends.length / GROUP_SIZE);
    return Array.from({ length: groups }, (_, g) => (
      <BlockGroup
        key={g}
        text={text}
        ends={ends}
        from={g * GROUP_SIZE}
        to={Math.min(ends.length, (g + 1) * GROUP_SIZE)}
        echoLength={echoLength}
      />
    ));
  },
  // `ends` is a new array exactly when a block closed; until then the newer `text` only grew past the last end.
  (a, b) => a.ends === b.ends && a.echoLength === b.echoLength,
);

/**
 * The text of one choice, drawn as closed blocks plus an open tail: each frame's delta re-renders and re-lays out only
 * the tail, so a frame costs the same at 200 characters and at 200,000. Remount it (key) for a new run; the text is
 * append-only within a run.
 */
export function OutputText({
  text,
  echoLength,
  soft = SOFT_BLOCK,
  hard = HARD_BLOCK,
}: {
  text: string;
  echoLength: number;
  /** Block sizes (see text-blocks.ts): a narrow column wants a shorter tail, its lines being short anyway. */
  soft?: number;
  hard?: number;
}) {
  const [ends, setEnds] = useState<readonly number[]>([]);
  const next = extendBlockEnds(text, ends, soft, hard);
  if (next !== ends) setEnds(next);
  const tailStart = next[next.length - 1] ?? 0;
  return (
    <>
      <ClosedBlocks text={text} ends={next} echoLength={echoLength} />
      <Block key="tail" text={text} start={tailStart} end={text.length} echoLength={echoLength} />
    </>
  );
}
