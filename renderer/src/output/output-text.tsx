import { useLayoutEffect, useRef } from 'react';
import type { TextSource } from '../state/text-source';
import { extendBlockEnds } from './text-blocks';

/** A block being written: its element, and its echoed / generated text nodes once it has such text. */
interface BlockFill {
  el: HTMLElement;
  echo?: Text;
  plain?: Text;
}

/**
 * Writes an append-only text into `root` as blocks (text-blocks.ts), appending only what is new: the open block's
 * text nodes grow with `appendData`, and a block that closes keeps its nodes (the next text opens a new block after
 * it). A frame therefore costs its delta, never the output's length, nothing already drawn is ever replaced, and a
 * selection anywhere in the output survives the stream. Returns a function taking the current text, which answers
 * whether anything was added.
 */
function blockWriter(root: HTMLElement, echoLength: number) {
  root.replaceChildren();
  let ends: readonly number[] = [];
  let shown = 0;
  const open = (): BlockFill => {
    const el = root.appendChild(document.createElement('div'));
    el.className = 'out-block';
    return { el };
  };
  let block = open();
  const fill = (text: string, to: number) => {
    const echoEnd = Math.min(echoLength, to);
    if (shown < echoEnd) {
      if (!block.echo) {
        const span = block.el.appendChild(document.createElement('span'));
        span.className = 'echo';
        span.title = 'Echoed prompt';
        block.echo = span.appendChild(document.createTextNode(''));
      }
      block.echo.appendData(text.slice(shown, echoEnd));
      shown = echoEnd;
    }
    if (shown < to) {
      block.plain ??= block.el.appendChild(document.createTextNode(''));
      block.plain.appendData(text.slice(shown, to));
      shown = to;
    }
  };
  return (text: string): boolean => {
    if (text.length <= shown) return false;
    const next = extendBlockEnds(text, ends);
    for (const end of next.slice(ends.length)) {
      fill(text, end);
      block = open();
    }
    ends = next;
    fill(text, text.length);
    return true;
  };
}

/**
 * The text of one choice, drawn as blocks so that a frame's delta re-lays out (and re-shapes) only the short last
 * block. The text is written straight from the source's subscription, inside the frame that applied the batch:
 * streaming re-renders no component at all. `onGrow` runs after each write (the caller may follow the stream).
 * Remount it (key) for a new run; the text is append-only within a run.
 */
export function OutputText({
  source,
  echoLength,
  onGrow,
}: {
  source: TextSource;
  echoLength: number;
  onGrow?: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const grow = useRef(onGrow);
  useLayoutEffect(() => {
    grow.current = onGrow;
  });

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const write = blockWriter(el, echoLength);
    const sync = () => {
      if (write(source.get())) grow.current?.();
    };
    sync();
    return source.subscribe(sync);
  }, [source, echoLength]);

  // React never renders inside: the blocks are the writer's.
  return <div ref={root} className="out-text" />;
}
