import { useLayoutEffect, useRef, type ClipboardEvent } from 'react';
import type { TextSource } from '../../state/text-source';
import { blockEnd } from './text-blocks';

/** A block being written: its element, and its echoed / generated text nodes once it has such text. */
interface Block {
  el: HTMLElement;
  echo?: Text;
  plain?: Text;
}

/**
 * Writes an append-only text into `root` as blocks (text-blocks.ts), touching only what is new: the open block's text
 * nodes grow with `appendData`, and a block that closes keeps its nodes while the next text opens a new block after
 * it. Block ends are found in the open block's own text, never in the whole output. So a frame costs its delta, not
 * the output's length, nothing drawn is ever replaced, and a selection anywhere in the output survives the stream.
 */
function blockWriter(root: HTMLElement, echoLength: number) {
  root.replaceChildren();
  let length = 0;
  let openText = '';
  // A block that closed mid-line (text-blocks.ts cuts an over-long line after a space) and the block continuing its
  // line flow inline, so the line is not broken on screen; blocks that end with a newline stay block-level and keep
  // their containment and content-visibility.
  let isMidLine = false;
  const open = (): Block => {
    const el = root.appendChild(document.createElement('div'));
    el.className = isMidLine ? 'out-block is-inline' : 'out-block';
    return { el };
  };
  let block = open();
  /** Appends `piece` (the text from `length` on) to the open block: its echoed part, then its generated part. */
  const fill = (piece: string) => {
    const echoed = Math.max(0, Math.min(piece.length, echoLength - length));
    if (echoed > 0) {
      if (!block.echo) {
        const span = block.el.appendChild(document.createElement('span'));
        span.className = 'echo';
        span.title = 'Echoed prompt';
        block.echo = span.appendChild(document.createTextNode(''));
      }
      block.echo.appendData(piece.slice(0, echoed));
    }
    if (echoed < piece.length) {
      block.plain ??= block.el.appendChild(document.createTextNode(''));
      block.plain.appendData(echoed > 0 ? piece.slice(echoed) : piece);
    }
    length += piece.length;
    openText += piece;
  };
  return {
    /** How many characters are drawn. */
    length: () => length,
    /** Draws `fresh`, the text that follows what is drawn. */
    append(fresh: string) {
      let rest = fresh;
      for (let end = blockEnd(openText + rest); end !== undefined; end = blockEnd(openText + rest)) {
        // A cut inside what the block already shows (a space before it, for a line past the hard limit) closes the
        // block where it is: drawn text never moves.
        const take = Math.max(0, end - openText.length);
        fill(rest.slice(0, take));
        rest = rest.slice(take);
        isMidLine = !openText.endsWith('\n');
        if (isMidLine) block.el.classList.add('is-inline');
        block = open();
        openText = '';
      }
      if (rest !== '') fill(rest);
    },
  };
}

/**
 * Copies a selection inside one output as its text nodes hold it. Chromium's own copy serializes by layout and adds a
 * newline at every block boundary; the DOM Range's text is exactly the output's characters.
 */
function copyExactText(e: ClipboardEvent<HTMLDivElement>) {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount !== 1 || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  const root = e.currentTarget;
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
  e.clipboardData.setData('text/plain', range.toString());
  e.preventDefault();
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
    const writer = blockWriter(el, echoLength);
    const sync = () => {
      const text = source.get();
      const from = writer.length();
      if (text.length <= from) return;
      // The store's record of what it just added, when it lines up with what is drawn; else a slice, which copies the
      // whole output first when it is a concatenation (V8 flattens it).
      const added = source.appended();
      const isAdded = added !== undefined && added.from === from && from + added.text.length === text.length;
      writer.append(isAdded ? added.text : text.slice(from));
      grow.current?.();
    };
    sync();
    return source.subscribe(sync);
  }, [source, echoLength]);

  // React never renders inside: the blocks are the writer's.
  return <div ref={root} className="out-text" onCopy={copyExactText} />;
}
