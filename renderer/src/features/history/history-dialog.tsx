import { useEffect, useState } from 'react';
import type { HistoryEntry, HistorySummary } from '../../../../shared/api';
import { useApi } from '../../api/api-context';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { useRunActions } from '../../state/run-store';
import { useSettings, useSettingsActions } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { downloadText, fileStamp } from '../share/clipboard';
import { HistoryDetail } from './history-detail';
import { HistoryList } from './history-list';
import { useHistoryPages } from './use-history-pages';
import { HistoryCostSums } from '../server/history-cost';

/**
 * Run history: search over prompt, model and preset; a virtualized list; restore, re-run exactly or
 * with the current settings, star, delete; JSONL and CSV export; the retention setting.
 */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const draft = useDraft();
  const { replaceDraft } = useDraftActions();
  const { run } = useRunActions();
  const settings = useSettings();
  const { update } = useSettingsActions();
  const [search, setSearch] = useState('');
  const [isStarredOnly, setIsStarredOnly] = useState(false);
  const pages = useHistoryPages(api, search, isStarredOnly);
  const [selected, setSelected] = useState<HistorySummary>();
  const [entry, setEntry] = useState<HistoryEntry>();
  const [message, setMessage] = useState<string>();
  const [retention, setRetention] = useState<string>();

  useEffect(() => {
    if (!selected) return;
    let isCurrent = true;
    void api.getHistoryEntry(selected.id).then((res) => {
      if (!isCurrent) return;
      if (res.ok) setEntry(res.value);
      else setMessage(res.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [api, selected]);

  const entryDraft = (e: HistoryEntry) => ({
    params: e.params,
    ...(e.extraBody ? { extraBody: e.extraBody } : {}),
  });

  const exportAs = async (format: 'jsonl' | 'csv') => {
    const res = await api.exportHistory(format);
    if (!res.ok) return setMessage(res.error.message);
    const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
    downloadText(`r9s-history-${fileStamp()}.${format}`, res.value, type);
    setMessage(`Exported history as ${format.toUpperCase()}.`);
  };

  const saveRetention = async () => {
    const n = Number(retention);
    if (!Number.isInteger(n) || n < 0)
      return setMessage('Retention is a whole number of runs (0 keeps none).');
    const res = await update({ historyRetention: n });
    setMessage(res.ok ? `History keeps at most ${n} runs.` : res.error.message);
    if (res.ok) pages.reload();
  };

  return (
    <Modal title="History" onClose={onClose} wide>
      <div className="history-layout">
        <div className="history-tools">
          <input
            className="text-input"
            type="search"
            aria-label="Search history"
            placeholder="Search prompt, model or preset"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <label className="check-line">
            <input
              type="checkbox"
              checked={isStarredOnly}
              onChange={(e) => setIsStarredOnly(e.target.checked)}
            />
            Starred only
          </label>
          <span className="muted" role="status">
            {pages.isLoading ? 'Loading…' : `${pages.total} run${pages.total === 1 ? '' : 's'}`}
          </span>
        </div>
        {pages.error ? <p role="alert">History could not be read: {pages.error}</p> : null}
        <div className="history-panes">
          <HistoryList pages={pages} selectedId={selected?.id} onSelect={setSelected} />
          {entry && entry.id === selected?.id ? (
            <HistoryDetail
              entry={entry}
              onRestore={() => {
                replaceDraft(entryDraft(entry));
                onClose();
              }}
              onRerunExact={() => {
                replaceDraft(entryDraft(entry));
                run(entryDraft(entry));
                onClose();
              }}
              onRerunCurrent={() => {
                const next = { ...draft, params: { ...draft.params, prompt: entry.params.prompt } };
                replaceDraft(next);
                run(next);
                onClose();
              }}
              onStar={() =>
                void api.starHistoryEntry(entry.id, !entry.starred).then((res) => {
                  if (!res.ok) return setMessage(res.error.message);
                  setEntry({ ...entry, starred: res.value.starred });
                  pages.patch(res.value);
                })
              }
              onOpenRun={(id) =>
                void api.getHistoryEntry(id).then((res) => {
                  // An entry is a summary too: selecting it shows it, and the list marks it when it is listed.
                  if (res.ok) setSelected(res.value);
                  else setMessage(`The parent run is no longer in history (${res.error.message}).`);
                })
              }
              onDelete={() =>
                void api.deleteHistoryEntry(entry.id).then((res) => {
                  if (!res.ok) return setMessage(res.error.message);
                  setSelected(undefined);
                  setEntry(undefined);
                  setMessage('Deleted the run.');
                  pages.reload();
                })
              }
            />
          ) : (
            <p className="muted history-detail">Select a run to see it in full.</p>
          )}
        </div>
        <div className="history-footer">
          <button type="button" className="button" onClick={() => void exportAs('jsonl')}>
            Export JSONL
          </button>
          <button type="button" className="button" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <HistoryCostSums />
          <span className="spacer" />
          <label className="form-field history-retention">
            Keep at most (runs)
            <input
              className="text-input"
              inputMode="numeric"
              value={retention ?? String(settings?.historyRetention ?? '')}
              onChange={(e) => setRetention(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={retention === undefined}
            onClick={() => void saveRetention()}
          >
            Save retention
          </button>
        </div>
        <p role="status" className="muted">
          {message}
        </p>
      </div>
    </Modal>
  );
}
