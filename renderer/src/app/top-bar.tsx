import { visibleText } from '../../../shared/visible-text';
import { FeatureToolbar } from '../features/feature-toolbar';
import { ModelPicker } from '../features/model/model-picker';
import { useSettings, useSettingsActions } from '../state/settings-store';
import { Icon } from '../ui/icons';
import { MOD_KEY } from './shortcuts';

/** Props of the top bar. */
interface TopBarProps {
  resolvedTheme: 'light' | 'dark';
  onToggleTheme: () => void;
  onOpenSettings: () => void;
  onOpenShortcuts: () => void;
}

function ProfileSelect() {
  const settings = useSettings();
  const { update } = useSettingsActions();
  if (!settings || settings.profiles.length < 2) {
    const name = settings?.profiles.find((p) => p.id === settings.activeProfileId)?.name;
    return name ? (
      <span className="profile-name" title="Active profile">
        {visibleText(name)}
      </span>
    ) : null;
  }
  return (
    <select
      className="select profile-select"
      aria-label="Profile"
      value={settings.activeProfileId}
      onChange={(e) => void update({ activeProfileId: e.target.value })}
    >
      {settings.profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {visibleText(p.name)}
        </option>
      ))}
    </select>
  );
}

/** Brand, profile, model, the features' toolbar, theme toggle, the shortcut list and settings. */
export function TopBar({ resolvedTheme, onToggleTheme, onOpenSettings, onOpenShortcuts }: TopBarProps) {
  const next = resolvedTheme === 'dark' ? 'light' : 'dark';
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          r9s
        </span>
        <span className="brand-name">Playground</span>
      </div>
      <ProfileSelect />
      <ModelPicker />
      <div className="feature-toolbar">
        <FeatureToolbar />
      </div>
      <span className="spacer" />
      <button
        type="button"
        className="icon-button"
        onClick={onToggleTheme}
        title={`Switch to the ${next} theme (Settings → Theme follows the system)`}
        aria-pressed={resolvedTheme === 'dark'}
      >
        <Icon name={resolvedTheme === 'dark' ? 'moon' : 'sun'} />
        <span className="sr-only">Dark theme</span>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={onOpenShortcuts}
        title="Keyboard shortcuts (?)"
        aria-haspopup="dialog"
      >
        <span aria-hidden="true" className="icon-glyph">
          ?
        </span>
        <span className="sr-only">Keyboard shortcuts</span>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={onOpenSettings}
        title={`Settings: profiles and API keys (${MOD_KEY}+,)`}
        aria-keyshortcuts="Control+Comma Meta+Comma"
      >
        <Icon name="gear" />
        <span className="sr-only">Settings</span>
      </button>
    </header>
  );
}
