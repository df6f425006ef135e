import { memo, useLayoutEffect, useRef, useState } from 'react';
import { blockSegments, extendBlockEnds, HARD_BLOCK, SOFT_BLOCK } from './text-blocks';
import type { TextSource } from '../state/text-source';

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
 * Keeps a block element showing `text[start, …)`: the echoed part in an `.echo` span, then the generated part. Only
 * what is new is appended (`appendData`), so a frame costs its delta, and a selection inside the tail survives the
 * stream (React would replace the whole text node). Returns whether anything was added.
 */
function tailWriter(el: HTMLElement, start: number, echoLength: number): (text: string) => boolean {
  el.replaceChildren();
  let echo: Text | undefined;
  let plain: Text | undefined;
  let shown = start;
  return (text) => {
    if (text.length <= shown) return false;
    const echoEnd = Math.min(echoLength, text.length);
    if (shown < echoEnd) {
      if (!echo) {
        const span = el.appendChild(document.createElement('span'));
        span.className = 'echo';
        span.title = 'Echoed prompt';
        echo = span.appendChild(document.createTextNode(''));
      }
      echo.appendData(text.slice(shown, echoEnd));
      shown = echoEnd;
    }
    if (shown < text.length) {
      plain ??= el.appendChild(document.createTextNode(''));
      plain.appendData(text.slice(shown));
      shown = text.length;
    }
    return true;
  };
}

/**
 * The text of one choice, drawn as closed blocks plus an open tail. React draws the closed blocks, re-rendering only
 * when one closes; the tail is written straight from the source's subscription, inside the frame that applied the
 * batch, so streaming re-renders no component at all and a frame costs the same at 200 characters and at 200,000.
 * `onGrow` runs after each write (the caller may follow the stream). Remount it (key) for a new run.
 */
export function OutputText({
  source,
  echoLength,
  soft = SOFT_BLOCK,
  hard = HARD_BLOCK,
  onGrow,
}: {
  source: TextSource;
  echoLength: number;
  /** Block sizes (see text-blocks.ts): a narrow column wants a shorter tail, its lines being short anyway. */
  soft?: number;
  hard?: number;
  onGrow?: () => void;
}) {
  const text = source.get();
  const [ends, setEnds] = useState<readonly number[]>([]);
  const next = extendBlockEnds(text, ends, soft, hard);
  if (next !== ends) setEnds(next);
  const tailStart = next[next.length - 1] ?? 0;
  const tail = useRef<HTMLDivElement>(null);
  const grow = useRef(onGrow);
  useLayoutEffect(() => {
    grow.current = onGrow;
  });

  // Re-run when a block closed (the tail starts further on): the tail is rebuilt from its new start.
  useLayoutEffect(() => {
    const el = tail.current;
    if (!el) return;
    const write = tailWriter(el, tailStart, echoLength);
    const sync = () => {
      const text = source.get();
      const closed = extendBlockEnds(text, next, soft, hard);
      if (closed !== next) return setEnds(closed);
      if (write(text)) grow.current?.();
    };
    sync();
    return source.subscribe(sync);
  }, [source, next, tailStart, echoLength, soft, hard]);

  return (
    <>
      <ClosedBlocks text={text} ends={next} echoLength={echoLength} />
      <div ref={tail} className="out-block" />
    </>
  );
}
