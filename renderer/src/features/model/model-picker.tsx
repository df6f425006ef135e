import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { visibleText } from '../../../../shared/visible-text';
import { useDraftActions, useDraftSelector } from '../../state/draft-store';
import { useSettings, useSettingsActions } from '../../state/settings-store';
import { useModels } from './use-models';

const MAX_SHOWN = 200;

/**
 * The model field: a textbox named "Model" with a filtered suggestion list from the active profile's `/v1/models`.
 * Any name can be typed (a failed list never blocks it); the last choice is remembered in settings.
 */
export function ModelPicker() {
  const id = useId();
  const listId = `${id}-list`;
  const model = useDraftSelector((s) => s.draft.params.model);
  const { patchParams } = useDraftActions();
  const settings = useSettings();
  const { update } = useSettingsActions();
  const [reloadKey, setReloadKey] = useState(0);
  const { models, isLoading, error } = useModels(settings?.activeProfileId, reloadKey);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [filter, setFilter] = useState<string | null>(null);
  const remembered = useRef(settings?.lastModel);

  const query = (filter ?? '').toLowerCase();
  const shown = models.filter((m) => m.id.toLowerCase().includes(query)).slice(0, MAX_SHOWN);

  const remember = (name: string) => {
    if (name === '' || name === remembered.current) return;
    remembered.current = name;
    void update({ lastModel: name });
  };
  const choose = (name: string) => {
    patchParams({ model: name });
    remember(name);
    setIsOpen(false);
    setFilter(null);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIsOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // With the list still loading, the first option becomes active as soon as it arrives.
      setActive((a) => (shown.length === 0 ? 0 : (a + step + shown.length) % shown.length));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && isOpen && shown[active]) {
      e.preventDefault();
      choose(shown[active].id);
    } else if (e.key === 'Escape' && isOpen) {
      e.preventDefault();
      e.stopPropagation();
      setIsOpen(false);
    }
  };

  const status = error
    ? `Model list unavailable (${error}); type a model name.`
    : isLoading
      ? 'Loading models…'
      : `${models.length} models`;

  return (
    <div className="model-picker">
      <label htmlFor={id} className="topbar-label">
        Model
      </label>
      <div className="model-field">
        <input
          id={id}
          className="text-input model-input"
          value={model}
          placeholder="model name"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-controls={isOpen ? listId : undefined}
          aria-activedescendant={isOpen && shown[active] ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-status`}
          title="Pick from the list (↓) or type any model name"
          onChange={(e) => {
            patchParams({ model: e.target.value });
            setFilter(e.target.value);
            setIsOpen(true);
            setActive(-1);
          }}
          onFocus={() => setFilter('')}
          onBlur={() => {
            setIsOpen(false);
            remember(model.trim());
          }}
          onClick={() => setIsOpen((o) => !o)}
          onKeyDown={onKeyDown}
        />
        {isOpen && shown.length > 0 ? (
          <ul id={listId} role="listbox" aria-label="Models" className="model-list">
            {shown.map((m, i) => (
              <li
                key={m.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={m.id === model ? 'model-option is-current' : 'model-option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m.id);
                }}
              >
                {visibleText(m.id)}
                {m.ownedBy ? <span className="model-owner">{visibleText(m.ownedBy)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <span id={`${id}-status`} className={error ? 'model-status is-error' : 'model-status'} title={status}>
        {/* A failed list is said in visible text (first runs fail here: no key, a wrong base URL). */}
        {error ? `⚠ ${status}` : <span className="sr-only">{status}</span>}
      </span>
      {error ? (
        <button type="button" className="link-button" onClick={() => setReloadKey((k) => k + 1)}>
          Reload models
        </button>
      ) : null}
    </div>
  );
}
