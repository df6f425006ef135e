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
    return ends.map((end, i) => (
      <Block key={i} text={text} start={ends[i - 1] ?? 0} end={end} echoLength={echoLength} />
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
