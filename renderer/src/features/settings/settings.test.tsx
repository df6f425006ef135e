// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../../shared/api';
import { fail, ok } from '../../../../shared/result';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { formToInput, profileToForm } from './profile-form';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

describe('profile form', () => {
  it('builds a profile input checked by the shared schema', () => {
    const form = { ...profileToForm(), name: 'Local', baseUrl: 'http://127.0.0.1:8080/v1' };
    const res = formToInput({ ...form, headers: [{ name: 'X-Team', value: 'a' }] });
    expect(res.ok && res.value.headers).toEqual({ 'X-Team': 'a' });
    expect(formToInput({ ...form, baseUrl: 'ftp://x' })).toEqual({
      ok: false,
      error: 'baseUrl: base URL must be an http(s) URL',
    });
    const auth = formToInput({ ...form, headers: [{ name: 'Authorization', value: 'Bearer x' }] });
    expect(auth.ok).toBe(false);
  });
});

describe('settings dialog', () => {
  it('shows where the key lives, warns for a session-only key, and confirms a moved origin', async () => {
    const fake = createFakeApi();
    let status: KeyStatus = {
      profileId: 'p1',
      configured: true,
      storage: 'session',
      last4: 'wxyz',
      sessionOnlyReason: 'web mode has no OS vault',
      originMismatch: { keyOrigin: 'https://old.example', profileOrigin: 'https://new.example' },
    };
    const confirmed: string[] = [];
    fake.getKeyStatus = () => Promise.resolve(ok(status));
    fake.confirmKeyOrigin = (id) => {
      confirmed.push(id);
      status = { ...status, originMismatch: undefined };
      return Promise.resolve(ok(status));
    };
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByText('…wxyz')).toBeVisible();
    expect(screen.getByText(/^Key ending in/)).toHaveTextContent(
      'Key ending in …wxyz, kept for this session only',
    );
    expect(screen.getByText(/kept only until the app closes: web mode has no OS vault/)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Send key to new origin' }));
    expect(confirmed).toEqual(['p1']);
    expect(screen.queryByRole('button', { name: 'Send key to new origin' })).toBeNull();
  });

  it('sends a typed key once and clears the field (write-only)', async () => {
    const fake = createFakeApi();
    const sent: string[] = [];
    fake.setApiKey = (profileId, key) => {
      sent.push(key);
      return Promise.resolve(
        ok({ profileId, configured: true, storage: 'os-encrypted' as const, last4: key.slice(-4) }),
      );
    };
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    const field = await screen.findByLabelText('API key');
    expect(field).toHaveAttribute('type', 'password');
    await userEvent.type(field, 'sk-secret-1234{Enter}');
    expect(sent).toEqual(['sk-secret-1234']);
    expect(await screen.findByText(/^Key ending in/)).toHaveTextContent(
      'Key ending in …1234, stored encrypted',
    );
    expect(field).toHaveValue('');
  });

  it('says why a change was not saved and keeps showing what is saved', async () => {
    const fake = createFakeApi();
    const full = 'ENOSPC: no space left on device';
    fake.updateSettings = () => Promise.resolve(fail('storage', `Could not save settings: ${full}`));
    fake.saveProfile = () => Promise.resolve(fail('storage', `Could not save the profile: ${full}`));
    const saved = fake.settings.theme;
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    const theme = await screen.findByLabelText('Theme');
    await userEvent.selectOptions(theme, saved === 'dark' ? 'light' : 'dark');
    expect(
      await screen.findByText(`The change was not saved: Could not save settings: ${full}`),
    ).toBeVisible();
    expect(theme).toHaveValue(saved);

    const name = screen.getByLabelText('Profile name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Renamed{Enter}');
    expect(await screen.findByText(`Could not save the profile: ${full}`)).toBeVisible();
    const profileName = fake.settings.profiles[0]?.name ?? '';
    expect(screen.getByRole('button', { name: new RegExp(`^${profileName}`) })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Renamed/ })).toBeNull();
  });

  it('sets compare concurrency (as the README says), refusing what the settings schema would', async () => {
    const fake = createFakeApi();
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    const field = await screen.findByRole('spinbutton', { name: /Compare: columns running at once/ });
    expect(field).toHaveValue(4);
    await userEvent.clear(field);
    await userEvent.type(field, '2{Enter}');
    expect(fake.settings.compareConcurrency).toBe(2);
    await userEvent.clear(field);
    await userEvent.type(field, '40{Enter}');
    expect(await screen.findByText('“40” is not a whole number from 1 to 16; kept 2.')).toBeVisible();
    expect(field).toHaveValue(2);
    expect(fake.settings.compareConcurrency).toBe(2);
  });

  it('shows hidden and direction-changing characters in profile names', async () => {
    const fake = createFakeApi();
    fake.settings.profiles[0]!.name = 'Te\u202Est';
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByRole('button', { name: /^Te⟨U\+202E⟩st/ })).toBeVisible();
    expect(screen.getByRole('form', { name: 'Profile Te⟨U+202E⟩st' })).toBeVisible();
    expect(screen.getByText('Holds hidden characters: Te⟨U+202E⟩st')).toBeVisible();
  });
});
