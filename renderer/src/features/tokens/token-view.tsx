import './tokens.css';
import {
  useCallback,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { createPortal } from 'react-dom';
import type { TokenAlternative } from '../../../../shared/token-logprobs';
import type { TokenSource } from '../../state/token-source';
import { placePopover, TokenPopover, type PopoverPlace } from './token-popover';
import { createTokenWriter, type TokenWriter } from './token-writer';

/** Where the view reads its tokens (the runs store's `useTokenSource`, or a test's list). */
export type { TokenSource };

/** What a parent can ask of the view (the figures' "lowest-probability tokens" jump there). */
export interface TokenViewHandle {
  /** Focuses the drawn group holding token `tokenIndex` and opens its details. */
  focusToken(tokenIndex: number): void;
}

/** Props of TokenView. */
export interface TokenViewProps {
  source: TokenSource;
  /** Accessible name of the token list, e.g. "Tokens of completion 2". */
  label: string;
  /** Leading tokens that are the echoed prompt. */
  echoTokens?: number;
  onBranch?: (tokenIndex: number, alternative: TokenAlternative) => void;
  /** A token to mark (Compare's first divergence). */
  markToken?: number;
  /** Called after new tokens were drawn (the main output follows the stream with it). */
  onGrow?: () => void;
  ref?: Ref<TokenViewHandle>;
}

/** Milliseconds the details stay after the pointer leaves a token, so it can travel into them. */
const LEAVE_GRACE_MS = 200;

const groupOf = (target: EventTarget | null): number | undefined => {
  if (!(target instanceof HTMLElement) || !target.classList.contains('tok')) return undefined;
  const g = Number(target.dataset['g']);
  return Number.isInteger(g) ? g : undefined;
};

/**
 * An output drawn token by token, coloured by probability. Keyboard: one tab stop (roving focus); arrow keys move
 * token to token, Home/End jump, Escape closes the details, Tab enters them. Hover opens the details too. Tokens
 * are written by `createTokenWriter` straight from the source's subscription, so streaming renders no component.
 */
export function TokenView({
  source,
  label,
  echoTokens = 0,
  onBranch,
  markToken,
  onGrow,
  ref,
}: TokenViewProps) {
  const root = useRef<HTMLDivElement>(null);
  const writer = useRef<TokenWriter | null>(null);
  const active = useRef(0);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const popoverId = useId();
  const [open, setOpen] = useState<{ g: number; indexes: number[]; place: PopoverPlace } | null>(null);
  // Read through refs: a new callback or mark must not redraw every token.
  const grow = useRef(onGrow);
  const mark = useRef(markToken);
  useLayoutEffect(() => {
    grow.current = onGrow;
    mark.current = markToken;
    writer.current?.mark(markToken);
  }, [onGrow, markToken]);

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const w = createTokenWriter(el, echoTokens);
    writer.current = w;
    active.current = 0;
    w.mark(mark.current);
    let isEnded = false;
    // The store tells of every change of any run: only new tokens, or the end, are work here.
    const sync = () => {
      const tokens = source.get();
      if (isEnded || (tokens.length === w.drawn() && !source.isFinished())) return;
      w.sync(tokens);
      if (source.isFinished()) {
        w.end(tokens);
        isEnded = true;
      }
      grow.current?.();
    };
    sync();
    const off = source.subscribe(sync);
    return () => {
      off();
      w.dispose();
    };
  }, [source, echoTokens]);

  const show = useCallback((g: number) => {
    clearTimeout(leaveTimer.current);
    const span = writer.current?.span(g);
    const group = writer.current?.groups()[g];
    if (!span || !group) return;
    const place = placePopover(span.getBoundingClientRect(), window.innerWidth, window.innerHeight);
    setOpen({ g, indexes: group.tokens, place });
  }, []);

  const hideSoon = useCallback(() => {
    clearTimeout(leaveTimer.current);
    leaveTimer.current = setTimeout(() => setOpen(null), LEAVE_GRACE_MS);
  }, []);

  const moveTo = useCallback(
    (g: number) => {
      const w = writer.current;
      const count = w?.groups().length ?? 0;
      if (!w || count === 0) return;
      const next = Math.max(0, Math.min(count - 1, g));
      const span = w.span(next);
      if (!span) return;
      w.setTabStop(next);
      active.current = next;
      span.focus();
      // Optional: a test DOM (jsdom) has no scrolling.
      span.scrollIntoView?.({ block: 'nearest' });
      show(next);
    },
    [show],
  );

  useImperativeHandle(
    ref,
    () => ({
      focusToken(tokenIndex: number) {
        const groups = writer.current?.groups() ?? [];
        const g = groups.findIndex((group) => group.tokens.includes(tokenIndex));
        if (g >= 0) moveTo(g);
      },
    }),
    [moveTo],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const g = groupOf(e.target);
    if (g === undefined) return;
    const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const step = steps[e.key];
    if (step !== undefined) moveTo(g + step);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo((writer.current?.groups().length ?? 1) - 1);
    else if (e.key === 'Escape' && open) setOpen(null);
    else if (e.key === 'Tab' && !e.shiftKey && open) {
      // The details live in a portal, out of the tab order: Tab from the token goes into them.
      const first = document.getElementById(popoverId)?.querySelector<HTMLElement>('button');
      if (!first) return;
      first.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <>
      <div
        ref={root}
        role="group"
        aria-label={label}
        aria-describedby={open ? popoverId : undefined}
        className="tok-view"
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const g = groupOf(e.target);
          if (g === undefined) return;
          active.current = g;
          // A token focused by pointer takes the one tab stop too (roving focus).
          writer.current?.setTabStop(g);
          show(g);
        }}
        onBlur={(e) => {
          const next = e.relatedTarget;
          if (next instanceof Node && document.getElementById(popoverId)?.contains(next)) return;
          if (next instanceof Node && root.current?.contains(next)) return;
          hideSoon();
        }}
        onPointerOver={(e) => {
          const g = groupOf(e.target);
          if (g !== undefined) show(g);
        }}
        onPointerLeave={hideSoon}
      />
      {/* In a portal: an output's scroller is contained (contain: strict), which would make a fixed popover place
          itself by the scroller and be clipped by it. */}
      {open
        ? createPortal(
            <TokenPopover
              id={popoverId}
              tokens={source.get()}
              indexes={open.indexes}
              isEcho={(open.indexes[0] ?? 0) < echoTokens}
              position={open.place}
              onBranch={onBranch}
              onPointerEnter={() => clearTimeout(leaveTimer.current)}
              onPointerLeave={hideSoon}
              onLeave={(next) => {
                if (next instanceof Node && root.current?.contains(next)) return;
                hideSoon();
              }}
              onEscape={() => {
                setOpen(null);
                writer.current?.span(active.current)?.focus();
              }}
            />,
            document.body,
          )
        : null}
    </>
  );
}
