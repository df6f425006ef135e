import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { HistorySummary } from '../../../../shared/api';
import { paramMarks } from './history-params';
import type { HistoryPages } from './use-history-pages';
import { HistoryRowCost } from '../server/history-cost';

/** Props of the virtualized list. */
interface HistoryListProps {
  pages: HistoryPages;
  selectedId?: string;
  onSelect: (summary: HistorySummary) => void;
}

const ROW_HEIGHT = 84;

const STATUS_CLASS: Record<HistorySummary['status'], string> = {
  running: 'badge-muted',
  done: 'badge-ok',
  error: 'badge-danger',
  cancelled: 'badge-muted',
  interrupted: 'badge-warn',
};

const when = (t: number) => new Date(t).toLocaleString();

/** The row's parameters that tell it apart, those changed from the row above in bold. */
function RowParams({ row, above }: { row: HistorySummary; above: HistorySummary | undefined }) {
  const marks = paramMarks(row.paramsBrief, above?.paramsBrief);
  if (!row.paramsBrief) return <div className="history-params" />;
  if (marks.length === 0) return <div className="history-params muted">default parameters</div>;
  return (
    <div className="history-params" title="Parameters that differ from the defaults or from the run above">
      {marks.map((m, i) => (
        <span key={m.key}>
          {i > 0 ? ' · ' : ''}
          {m.isChangedFromAbove ? <strong>{m.text}</strong> : m.text}
        </span>
      ))}
    </div>
  );
}

/**
 * The history rows, virtualized (@tanstack/react-virtual) so 10,000 runs render as a screenful; rows are fetched a
 * page at a time as they scroll into view. A listbox: arrow keys move the selection.
 */
export function HistoryList({ pages, selectedId, onSelect }: HistoryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is mutable by design, so the React compiler skips this component; nothing memoized
  // receives its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 480, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (pages.total > 0) ensure(first, last);
  }, [ensure, first, last, pages.total]);

  const selectedIndex = (() => {
    for (const it of items) if (pages.rowAt(it.index)?.id === selectedId) return it.index;
    return -1;
  })();

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = Math.min(pages.total - 1, Math.max(0, selectedIndex + step));
    const row = pages.rowAt(next);
    virtualizer.scrollToIndex(next);
    if (row) onSelect(row);
  };

  return (
    <div
      ref={scrollRef}
      className="history-scroll"
      role="listbox"
      aria-label="History"
      tabIndex={0}
      aria-activedescendant={selectedId ? `history-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((it) => {
          const row = pages.rowAt(it.index);
          return (
            <div
              key={it.key}
              id={row ? `history-${row.id}` : undefined}
              role="option"
              aria-selected={row !== undefined && row.id === selectedId}
              aria-posinset={it.index + 1}
              aria-setsize={pages.total}
              className={row?.id === selectedId ? 'history-row history-row-selected' : 'history-row'}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${it.start}px)`,
              }}
              onClick={() => row && onSelect(row)}
            >
              {row ? (
                <>
                  <div className="history-row-head">
                    {row.starred ? <span aria-label="starred">★</span> : null}
                    <span className={`badge ${STATUS_CLASS[row.status]}`}>{row.status}</span>
                    <span className="history-model">{row.model}</span>
                    {row.presetName ? <span className="muted">· {row.presetName}</span> : null}
                    <HistoryRowCost row={row} />
                    <span className="spacer" />
                    <time className="muted" dateTime={new Date(row.startedAt).toISOString()}>
                      {when(row.startedAt)}
                    </time>
                  </div>
                  <div className="history-preview">{row.promptPreview || '(empty prompt)'}</div>
                  <RowParams row={row} above={it.index > 0 ? pages.rowAt(it.index - 1) : undefined} />
                </>
              ) : (
                <span className="muted">Loading…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
