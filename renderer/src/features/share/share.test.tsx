// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPresetFile, serializePresetFile } from '../../../../shared/preset-format';
import type { Preset } from '../../../../shared/schemas';
import userEvent from '@testing-library/user-event';
import { decodeShareCode, encodeShareCode, extractShareCode } from '../../../../shared/share-code';
import { ShellContext } from '../../api/shell';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { renderFeatures } from '../../test-support/render-features';
import { ShareCodeDialog } from './share-code-dialog';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const draft = { params: { model: 'fake-model', prompt: 'Secret prompt', stream: true, temperature: 0.7 } };
const preset = (id: string, name: string, over: Partial<Preset> = {}): Preset => ({
  id,
  name,
  description: '',
  params: { model: 'fake-model', prompt: '', stream: true, temperature: 0.7 },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('import', () => {
  it('shows a clear error naming the field, and never renders pasted markup', async () => {
    const t = await renderFeatures(createFakeApi({ draft }));
    await t.user.click(screen.getByRole('button', { name: 'Import presets' }));
    const dialog = screen.getByRole('dialog', { name: 'Import presets' });
    const box = within(dialog).getByRole('textbox', { name: /Or paste/ });
    const bad = JSON.stringify({
      format: 'r9s-playground/preset',
      version: 1,
      presets: [{ name: 'x', params: { model: 'm', prompt: '', stream: true, top_p: 7 } }],
    });
    fireEvent.change(box, { target: { value: bad } });
    await t.user.click(within(dialog).getByRole('button', { name: 'Preview import' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('presets.0.params.top_p');
    fireEvent.change(box, { target: { value: '{"__proto__": {"polluted": 1}, "format": "<b>x</b>"}' } });
    await t.user.click(within(dialog).getByRole('button', { name: 'Preview import' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    fireEvent.change(box, { target: { value: 'r9s9.abc' } });
    await t.user.click(within(dialog).getByRole('button', { name: 'Preview import' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('version 9 is not supported');
  });

  it('previews a same-name preset with its diff, and replace / keep both / skip do what they say', async () => {
    const api = createFakeApi({ draft, presets: [preset('a', 'Warm'), preset('b', 'Cold')] });
    const t = await renderFeatures(api);
    const incoming = [
      preset('z1', 'Warm', { params: { model: 'fake-model', prompt: '', stream: true, temperature: 1.1 } }),
      preset('z2', 'Cold', { params: { model: 'other', prompt: '', stream: true, temperature: 0.7 } }),
      preset('z3', '<i>New</i>', { description: '<img src=x>' }),
    ];
    await t.user.click(screen.getByRole('button', { name: 'Import presets' }));
    const dialog = screen.getByRole('dialog', { name: 'Import presets' });
    const file = new File([serializePresetFile(createPresetFile(incoming))], 'p.json', {
      type: 'application/json',
    });
    await t.user.upload(dialog.querySelector('input[type=file]')!, file);
    const preview = await within(dialog).findByRole('list', { name: 'Incoming presets' });
    const warm = within(preview).getByRole('listitem', { name: 'Warm' });
    expect(within(warm).getByRole('table').textContent).toContain('Temperature (changed)0.71.1');
    expect(within(preview).getByText('<img src=x>')).toBeInTheDocument();
    expect(dialog.querySelector('img, i')).toBeNull();
    await t.user.selectOptions(within(warm).getByRole('combobox', { name: 'Action for Warm' }), 'replace');
    const cold = within(preview).getByRole('listitem', { name: 'Cold' });
    await t.user.selectOptions(within(cold).getByRole('combobox', { name: 'Action for Cold' }), 'keep-both');
    const fresh = within(preview).getByRole('listitem', { name: '<i>New</i>' });
    await t.user.selectOptions(
      within(fresh).getByRole('combobox', { name: 'Action for <i>New</i>' }),
      'skip',
    );
    await t.user.click(within(dialog).getByRole('button', { name: 'Import 2 presets' }));

    await waitFor(() => expect(api.presets.size).toBe(3));
    expect(api.presets.get('a')?.params.temperature).toBe(1.1);
    expect([...api.presets.values()].map((p) => p.name).sort()).toEqual(['Cold', 'Cold (2)', 'Warm']);
  });

  it('opens the same preview for an r9s-playground:// link and warns about another endpoint', async () => {
    const api = createFakeApi({ draft });
    const t = await renderFeatures(api);
    const code = encodeShareCode(
      createPresetFile([preset('q', 'Remote one')], { includeBaseUrl: 'https://evil.example.com/v1' }),
    );
    act(() => api.openImportLink(code));
    const dialog = await screen.findByRole('dialog', { name: 'Import presets' });
    expect(within(dialog).getByRole('note')).toHaveTextContent('https://evil.example.com');
    await t.user.click(within(dialog).getByRole('button', { name: 'Import 1 preset' }));
    await waitFor(() => expect(api.presets.size).toBe(1));
    expect([...api.presets.values()][0]?.baseUrl).toBe('https://evil.example.com/v1');
    // Importing never touches profiles: the active profile still points where it did.
    expect(api.settings.profiles.find((p) => p.id === api.settings.activeProfileId)?.baseUrl).toBe(
      'http://127.0.0.1:9',
    );
  });
});

describe('import of spoofed names', () => {
  it('shows hidden and direction-changing characters in the preview', async () => {
    const api = createFakeApi({ draft });
    await renderFeatures(api);
    const spoof = preset('q', 'Safe\u2067na\uFEFFme\u2069', {
      params: { model: 'm\u200Bodel', prompt: '', stream: true },
    });
    act(() => api.openImportLink(encodeShareCode(createPresetFile([spoof]))));
    const dialog = await screen.findByRole('dialog', { name: 'Import presets' });
    const shown = 'Safe⟨U+2067⟩na⟨U+FEFF⟩me⟨U+2069⟩';
    const item = within(dialog).getByRole('listitem', { name: shown });
    expect(within(item).getByText(shown)).toBeVisible();
    expect(within(item).getByText('m⟨U+200B⟩odel')).toBeVisible();
    expect(within(item).getByRole('combobox', { name: `Action for ${shown}` })).toBeVisible();
  });
});

describe('web share links', () => {
  it('opens the preview for ?import=<code> and takes it off the URL, keeping the token', async () => {
    const code = encodeShareCode(createPresetFile([preset('w', 'From a link')]));
    window.history.replaceState(null, '', `/?token=abc&import=${encodeURIComponent(code)}`);
    await renderFeatures(createFakeApi({ draft }));
    const dialog = await screen.findByRole('dialog', { name: 'Import presets' });
    expect(within(dialog).getByRole('listitem', { name: 'From a link' })).toBeInTheDocument();
    expect(window.location.search).toBe('?token=abc');
  });
});

describe('export and share code', () => {
  it('downloads the chosen presets without the base URL unless ticked', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const t = await renderFeatures(
      createFakeApi({ draft, presets: [preset('a', 'One'), preset('b', 'Two')] }),
    );
    await t.user.click(screen.getByRole('button', { name: 'Export presets' }));
    const dialog = screen.getByRole('dialog', { name: 'Export presets' });
    await t.user.click(within(dialog).getByRole('checkbox', { name: 'Two' }));
    await t.user.click(within(dialog).getByRole('button', { name: 'Download preset file' }));
    await t.user.click(within(dialog).getByRole('checkbox', { name: /Include the base URL/ }));
    await t.user.click(within(dialog).getByRole('button', { name: 'Download preset file' }));
    const [plain, withUrl] = await Promise.all(blobs.map((b) => b.text()));
    expect(JSON.parse(plain!)).toMatchObject({
      format: 'r9s-playground/preset',
      version: 1,
      presets: [{ name: 'One' }],
    });
    expect(plain).not.toContain('baseUrl');
    expect((JSON.parse(withUrl!) as { presets: { baseUrl?: string }[] }).presets[0]?.baseUrl).toBe(
      'http://127.0.0.1:9',
    );
  });

  it('copies a share code of the current setup that decodes to it (prompt only when ticked)', async () => {
    const t = await renderFeatures(createFakeApi({ draft }));
    await waitFor(() => expect(t.draft().params.prompt).toBe('Secret prompt'));
    await t.user.click(screen.getByRole('button', { name: 'Copy share code' }));
    const dialog = screen.getByRole('dialog', { name: 'Share code' });
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Share code copied.'));
    const copied = await navigator.clipboard.readText();
    const decoded = decodeShareCode(copied);
    expect(decoded.ok && decoded.value.presets[0]).toMatchObject({
      name: 'Shared setup',
      includesPrompt: false,
      params: { model: 'fake-model', prompt: '', temperature: 0.7 },
    });
    await t.user.click(within(dialog).getByRole('checkbox', { name: 'Include the prompt' }));
    const shown = within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Share code' }).value;
    const withPrompt = decodeShareCode(shown);
    expect(withPrompt.ok && withPrompt.value.presets[0]?.params.prompt).toBe('Secret prompt');
    expect(
      within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'Link for the desktop app' }).value,
    ).toMatch(/^r9s-playground:\/\/import\?code=r9s1\./);
    // The desktop app has no page address to offer.
    expect(within(dialog).queryByRole('textbox', { name: /web mode/ })).toBeNull();
  });

  it('offers the ?import= link of this page in web mode, which opens the same setup', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({ draft });
    await renderWithApi(
      <ShellContext.Provider value="web">
        <ShareCodeDialog onClose={() => undefined} />
      </ShellContext.Provider>,
      api,
    );
    const dialog = screen.getByRole('dialog', { name: 'Share code' });
    const link = within(dialog).getByRole<HTMLInputElement>('textbox', { name: /Link for web mode/ }).value;
    expect(link.startsWith(`${location.origin}/?import=r9s1.`)).toBe(true);
    const code = within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Share code' }).value;
    expect(extractShareCode(link)).toBe(code);
    await user.click(within(dialog).getByRole('button', { name: 'Copy link for web mode' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Link copied.'));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(within(dialog).getByRole('textbox', { name: 'Link for the desktop app' })).toBeVisible();
  });
});
