import { useId, useState } from 'react';
import { settingsPatchSchema, themeSchema } from '../../../../shared/schemas';
import { useSettings, useSettingsActions } from '../../state/settings-store';

/** The limits the settings schema puts on compare concurrency, read from it so the field cannot drift. */
const CONCURRENCY = settingsPatchSchema.shape.compareConcurrency.unwrap();
const MIN_CONCURRENCY = CONCURRENCY.minValue ?? 1;
const MAX_CONCURRENCY = CONCURRENCY.maxValue ?? 16;

/**
 * How many Compare columns run at once against one endpoint: typed freely, saved on Enter or blur; a value the
 * schema would refuse is not saved, and the field says why.
 */
function CompareConcurrency({ value }: { value: number }) {
  const { update } = useSettingsActions();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<string>();

  const commit = () => {
    if (text === null) return;
    setText(null);
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < MIN_CONCURRENCY || n > MAX_CONCURRENCY) {
      setNote(
        `“${text}” is not a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY}; kept ${value}.`,
      );
      return;
    }
    setNote(undefined);
    if (n !== value) void update({ compareConcurrency: n });
  };

  return (
    <div className="form-field">
      <label htmlFor={id}>Compare: columns running at once per endpoint</label>
      <input
        id={id}
        className="number-input"
        type="number"
        inputMode="numeric"
        min={MIN_CONCURRENCY}
        max={MAX_CONCURRENCY}
        step={1}
        value={text ?? String(value)}
        aria-describedby={`${id}-note`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <p id={`${id}-note`} className="form-hint muted">
        {note ??
          `Run all starts at most this many columns against one server and queues the rest (${MIN_CONCURRENCY}–${MAX_CONCURRENCY}).`}
      </p>
    </div>
  );
}

/** The app-wide settings: theme and compare concurrency. */
export function GeneralSettings() {
  const settings = useSettings();
  const { update } = useSettingsActions();
  const themeId = useId();
  if (!settings) return null;
  return (
    <>
      <section className="settings-section" aria-labelledby={`${themeId}-h`}>
        <h3 id={`${themeId}-h`}>Appearance</h3>
        <div className="form-field">
          <label htmlFor={themeId}>Theme</label>
          <select
            id={themeId}
            className="select"
            value={settings.theme}
            onChange={(e) => {
              const theme = themeSchema.safeParse(e.target.value);
              if (theme.success) void update({ theme: theme.data });
            }}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </section>
      <section className="settings-section" aria-labelledby={`${themeId}-runs`}>
        <h3 id={`${themeId}-runs`}>Runs</h3>
        <CompareConcurrency value={settings.compareConcurrency} />
      </section>
    </>
  );
}
