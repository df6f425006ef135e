import { useLayoutEffect, useRef, type ClipboardEvent } from 'react';
import type { TextSource } from '../../state/text-source';
import { blockEnd, blockLimits } from './text-blocks';

/** A block being written: its element, and its echoed / generated text nodes once it has such text. */
interface Block {
  el: HTMLElement;
  echo?: Text;
  plain?: Text;
  /** Off screen, so the browser skips its contents (`content-visibility: auto`): nothing in it is laid out. */
  isSkipped: boolean;
  /** It ends mid-line where no wrap was measured: its last line has not been handed to the next block yet. */
  isPending: boolean;
}

/** The block's text: its echoed part, then its generated part. */
const textOf = (block: Block) => (block.echo?.data ?? '') + (block.plain?.data ?? '');

/** The vertical middle of the box that draws character `at` of `node`, or undefined where nothing is laid out. */
function charMiddle(range: Range, node: Text, at: number): number | undefined {
  range.setStart(node, at);
  range.setEnd(node, at + 1);
  const box = range.getBoundingClientRect?.();
  return box && box.height > 0 ? box.top + box.height / 2 : undefined;
}

/**
 * Where the last line the browser drew for `block` starts, as an offset in the block's text; undefined when the block
 * is not laid out (hidden, or no layout at all) or is one line. A character's box is found with a Range, and line
 * tops only grow along the text, so a binary search over the characters takes about a dozen reads of a layout that
 * is already clean.
 */
function lastLineStart(block: Block): number | undefined {
  const nodes = [block.echo, block.plain].filter((n): n is Text => n !== undefined && n.length > 0);
  const total = nodes.reduce((n, t) => n + t.length, 0);
  const range = document.createRange();
  const at = (i: number): [Text, number] => {
    let rest = i;
    for (const node of nodes) {
      if (rest < node.length) return [node, rest];
      rest -= node.length;
    }
    return [nodes[nodes.length - 1]!, nodes[nodes.length - 1]!.length - 1];
  };
  const middle = (i: number) => charMiddle(range, ...at(i));
  const last = total > 0 ? middle(total - 1) : undefined;
  const first = total > 0 ? middle(0) : undefined;
  if (last === undefined || first === undefined || last - first < 1) return undefined;
  // The first character drawn below the first line's middle and at or below the last line's top half.
  let lo = 1;
  let hi = total - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const y = middle(mid);
    if (y === undefined) return undefined;
    if (y >= last - 0.5) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Removes the last `count` characters from the block's text nodes (its generated text first, then its echo). */
function dropTail(block: Block, count: number) {
  let rest = count;
  for (const node of [block.plain, block.echo]) {
    if (!node || rest === 0) continue;
    const take = Math.min(rest, node.length);
    node.deleteData(node.length - take, take);
    rest -= take;
  }
}

/** Puts `text` (the characters just before the block's text, the first `echoed` of them echoed prompt) at its start. */
function prependText(block: Block, text: string, echoed: number) {
  if (echoed < text.length) {
    if (block.plain) block.plain.insertData(0, text.slice(echoed));
    else block.plain = block.el.appendChild(document.createTextNode(text.slice(echoed)));
  }
  if (echoed > 0) {
    if (block.echo) {
      block.echo.insertData(0, text.slice(0, echoed));
    } else {
      const span = echoSpan();
      block.el.insertBefore(span, block.el.firstChild);
      block.echo = span.appendChild(document.createTextNode(text.slice(0, echoed)));
    }
  }
}

/** The element that marks echoed prompt. */
function echoSpan(): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = 'echo';
  span.title = 'Echoed prompt';
  return span;
}

/** Where the last drawn line of `block` starts, moved off the low half of a surrogate pair; undefined if unmeasured. */
function measuredCut(block: Block): number | undefined {
  const cut = lastLineStart(block);
  if (cut === undefined) return undefined;
  // Never between the two halves of a surrogate pair.
  const at = /[\uDC00-\uDFFF]/.test(textOf(block)[cut] ?? '') ? cut - 1 : cut;
  return at > 0 ? at : undefined;
}

/**
 * Writes an append-only text into `root` as blocks (text-blocks.ts), touching only what is new: the open block's text
 * nodes grow with `appendData`, and a block that closes keeps its nodes while the next text opens a new block after
 * it. Block ends are found in the open block's own text, never in the whole output. So a frame costs its delta, not
 * the output's length, and a selection anywhere in the output survives the stream.
 *
 * A line longer than a block must still read as one line. A block ending mid-line therefore hands the last line the
 * browser drew for it (measured) to the next block: it then ends exactly where the browser wrapped the line anyway,
 * and both stay block boxes with their containment. Measuring lays the block out, so it is done only for a block the
 * browser draws: a block that closes off screen (a Compare column showing its top while the stream grows below) stays
 * pending, its contents never laid out, and is measured when it comes into view, before its first paint there (its
 * line then moves into the next block, which is re-measured in turn if it is in view too). Only where a wrap cannot be
 * measured (no layout at all) or the width changes afterwards (which moves every wrap) do such blocks flow inline,
 * which reads right at any width but lays out the whole line as one paragraph.
 */
function blockWriter(root: HTMLElement, echoLength: number) {
  root.replaceChildren();
  const blocks: Block[] = [];
  let length = 0;
  let openText = '';
  /** How the block before the open one ended: on a newline, or mid-line (cut, pending or inline). */
  let lineState: 'ended' | 'is-cut' | 'is-pending' | 'is-inline' = 'ended';

  /**
   * Hands the last drawn line of pending `block` to the next block, once the block before it has done the same (a
   * line's wraps depend on where it starts). Lays out blocks that are off screen only for that chain.
   */
  const settle = (block: Block) => {
    const i = blocks.indexOf(block);
    const before = blocks[i - 1];
    if (before?.isPending) settle(before);
    const next = blocks[i + 1];
    if (!block.isPending || !next) return;
    block.isPending = false;
    const cut = measuredCut(block);
    if (cut === undefined) {
      block.el.classList.replace('is-pending', 'is-inline');
      next.el.classList.replace('continues', 'is-inline');
      return;
    }
    const carried = textOf(block).slice(cut);
    const echoed = Math.max(0, Math.min(carried.length, (block.echo?.length ?? 0) - cut));
    dropTail(block, carried.length);
    prependText(next, carried, echoed);
    if (next === blocks.at(-1)) openText = carried + openText;
    block.el.classList.replace('is-pending', 'is-cut');
    if (next.isPending && !next.isSkipped) settle(next);
  };

  const open = (): Block => {
    const el = root.appendChild(document.createElement('div'));
    el.className = 'out-block';
    // A block continuing a line flows inline after an inline one; after a cut it is only marked (for reflow).
    if (lineState !== 'ended') el.classList.add(lineState === 'is-inline' ? 'is-inline' : 'continues');
    const block: Block = { el, isSkipped: false, isPending: false };
    el.addEventListener('contentvisibilityautostatechange', (e) => {
      const { skipped } = e as ContentVisibilityAutoStateChangeEvent;
      block.isSkipped = skipped;
      if (!skipped && block.isPending) settle(block);
    });
    blocks.push(block);
    return block;
  };
  let block = open();
  /** Appends `piece` (the text from `length` on) to the open block: its echoed part, then its generated part. */
  const fill = (piece: string) => {
    const echoed = Math.max(0, Math.min(piece.length, echoLength - length));
    if (echoed > 0) {
      if (!block.echo) block.echo = block.el.appendChild(echoSpan()).appendChild(document.createTextNode(''));
      block.echo.appendData(piece.slice(0, echoed));
    }
    if (echoed < piece.length) {
      block.plain ??= block.el.appendChild(document.createTextNode(''));
      block.plain.appendData(echoed > 0 ? piece.slice(echoed) : piece);
    }
    length += piece.length;
    openText += piece;
  };
  /** Closes the open block and opens the next; a block cut mid-line gives its last drawn line to the next one. */
  const close = () => {
    let carried = '';
    if (openText.endsWith('\n')) {
      lineState = 'ended';
    } else if (block.isSkipped) {
      block.isPending = true;
      lineState = 'is-pending';
    } else {
      // Where this block's lines wrap depends on where it starts: the block before must have handed its line on.
      const before = blocks.at(-2);
      if (before?.isPending) settle(before);
      const cut = measuredCut(block);
      lineState = cut === undefined ? 'is-inline' : 'is-cut';
      if (cut !== undefined) {
        carried = openText.slice(cut);
        dropTail(block, carried.length);
        length -= carried.length;
      }
    }
    if (lineState !== 'ended') block.el.classList.add(lineState);
    block = open();
    openText = '';
    if (carried !== '') fill(carried);
  };
  return {
    /** How many characters are drawn. */
    length: () => length,
    /** Draws `fresh`, the text that follows what is drawn. */
    append(fresh: string) {
      let rest = fresh;
      const endOf = (text: string) => blockEnd(text, ...blockLimits(blocks.length - 1));
      for (let end = endOf(openText + rest); end !== undefined; end = endOf(openText + rest)) {
        // A cut inside what the block already shows (a space before it, for a line past the hard limit) closes the
        // block where it is.
        const take = Math.max(0, end - openText.length);
        fill(rest.slice(0, take));
        rest = rest.slice(take);
        close();
      }
      if (rest !== '') fill(rest);
    },
    /** The width changed: every measured or pending cut may now fall mid-line, so those lines flow inline from here. */
    reflow() {
      for (const b of blocks) b.isPending = false;
      for (const el of root.querySelectorAll('.is-cut, .is-pending, .continues')) {
        el.classList.remove('is-cut', 'is-pending', 'continues');
        el.classList.add('is-inline');
      }
      if (lineState !== 'ended') lineState = 'is-inline';
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
    const unsubscribe = source.subscribe(sync);
    // Measured cuts hold at the width they were measured at (see blockWriter).
    let width: number | undefined;
    const resizes =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(([entry]) => {
            const next = entry?.contentRect.width;
            if (width !== undefined && next !== width) writer.reflow();
            width = next;
          });
    resizes?.observe(el);
    return () => {
      unsubscribe();
      resizes?.disconnect();
    };
  }, [source, echoLength]);

  // React never renders inside: the blocks are the writer's.
  return <div ref={root} className="out-text" onCopy={copyExactText} />;
}
