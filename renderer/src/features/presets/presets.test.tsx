// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../../../../shared/result';
import type { Preset } from '../../../../shared/schemas';
import userEvent from '@testing-library/user-event';
import { UndoToast } from '../../app/undo-toast';
import { useDraftActions, type DraftActions } from '../../state/draft-store';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { FeatureToolbar } from '../feature-toolbar';
import { renderFeatures } from '../../test-support/render-features';

afterEach(cleanup);

const draft = { params: { model: 'fake-model', prompt: 'Hello there', stream: true, temperature: 0.7 } };
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

describe('presets', () => {
  it('saves the current setup, keeping not-set parameters unset, and marks it loaded', async () => {
    const t = await renderFeatures(createFakeApi({ draft }));
    await waitFor(() => expect(t.draft().params.prompt).toBe('Hello there'));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    const dialog = screen.getByRole('dialog', { name: 'Save preset' });
    await t.user.type(within(dialog).getByLabelText('Preset name'), 'Warm');
    await t.user.type(within(dialog).getByLabelText('Description'), 'for stories');
    await t.user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const saved = [...t.api.presets.values()];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'Warm', description: 'for stories', includesPrompt: false });
    expect(saved[0]!.params).toEqual({ model: 'fake-model', prompt: '', stream: true, temperature: 0.7 });
    expect('top_p' in saved[0]!.params).toBe(false);
    expect(t.draft().presetId).toBe(saved[0]!.id);
    expect(screen.queryByRole('button', { name: /Modified/ })).toBeNull();

    // Saving again offers to update the loaded preset; typing another name makes a new one instead.
    act(() => t.actions().patchParams({ temperature: 1 }));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    const again = screen.getByRole('dialog', { name: 'Save preset' });
    expect(within(again).getByRole('radio', { name: 'Update "Warm"' })).toBeChecked();
    await t.user.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(t.api.presets.get(saved[0]!.id)?.params.temperature).toBe(1));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    const third = screen.getByRole('dialog', { name: 'Save preset' });
    await t.user.clear(within(third).getByLabelText('Preset name'));
    await t.user.type(within(third).getByLabelText('Preset name'), 'Hot');
    expect(within(third).getByRole('radio', { name: 'A new preset' })).toBeChecked();
    await t.user.click(within(third).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect([...t.api.presets.values()].map((p) => p.name)).toEqual(['Warm', 'Hot']));
  });

  it('starts the save dialog from the editor, never from the last save, and saving replaces nothing', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({ draft });
    let actions: DraftActions | undefined;
    function Probe() {
      actions = useDraftActions();
      return null;
    }
    const view = await renderWithApi(
      <>
        <Probe />
        <FeatureToolbar />
        <UndoToast />
      </>,
      api,
    );
    const open = async () => {
      await user.click(screen.getByRole('button', { name: 'Save preset' }));
      const dialog = screen.getByRole('dialog', { name: 'Save preset' });
      const fields = {
        name: within(dialog).getByLabelText('Preset name'),
        description: within(dialog).getByLabelText('Description'),
        includesPrompt: within(dialog).getByRole('checkbox', { name: 'Include the prompt' }),
      };
      return { dialog, ...fields };
    };
    const first = await open();
    await user.type(first.name, 'Warm');
    await user.type(first.description, 'for stories');
    await user.click(first.includesPrompt);
    await user.click(within(first.dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(view.draft().presetId).toBe([...api.presets.keys()][0]));
    expect(screen.queryByText(/The editor was replaced/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo replace' })).toBeNull();

    // Nothing changed since the save: a new, blank preset.
    const second = await open();
    expect(within(second.dialog).getByRole('radio', { name: 'A new preset' })).toBeChecked();
    expect(second.name).toHaveValue('');
    expect(second.description).toHaveValue('');
    expect(second.includesPrompt).not.toBeChecked();
    // Updating the loaded preset shows what it holds; going back to a new one clears it again.
    await user.click(within(second.dialog).getByRole('radio', { name: 'Update "Warm"' }));
    expect(second.name).toHaveValue('Warm');
    expect(second.description).toHaveValue('for stories');
    expect(second.includesPrompt).toBeChecked();
    await user.click(within(second.dialog).getByRole('radio', { name: 'A new preset' }));
    expect(second.name).toHaveValue('');
    expect(second.description).toHaveValue('');
    await user.click(within(second.dialog).getByRole('button', { name: 'Cancel' }));

    // The editor changed: updating is offered, and naming another preset drops Warm's description and choice.
    act(() => actions?.patchParams({ temperature: 1 }));
    const third = await open();
    expect(within(third.dialog).getByRole('radio', { name: 'Update "Warm"' })).toBeChecked();
    expect(third.description).toHaveValue('for stories');
    await user.clear(third.name);
    await user.type(third.name, 'Cold');
    expect(within(third.dialog).getByRole('radio', { name: 'A new preset' })).toBeChecked();
    expect(third.description).toHaveValue('');
    expect(third.includesPrompt).not.toBeChecked();
    await user.click(within(third.dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.presets.size).toBe(2));
    expect([...api.presets.values()].map((p) => [p.name, p.description, p.includesPrompt])).toEqual([
      ['Warm', 'for stories', true],
      ['Cold', '', false],
    ]);
    expect(screen.queryByRole('button', { name: 'Undo replace' })).toBeNull();
  });

  it('shows the modified marker and a parameter-level diff when the setup drifts', async () => {
    const t = await renderFeatures(
      createFakeApi({ draft: { ...draft, presetId: 'a' }, presets: [preset('a', 'Base')] }),
    );
    await screen.findByText('Base');
    act(() => t.actions().patchParams({ temperature: 1.2, top_p: 0.9 }));
    await t.user.click(await screen.findByRole('button', { name: /Modified/ }));
    const table = screen.getByRole('table', { name: 'Changes from the saved preset' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['ParameterSavedCurrent', 'Temperature (changed)0.71.2', 'Top P (set)not set0.9']);
    await t.user.click(screen.getByRole('button', { name: 'Revert to saved' }));
    expect(t.draft().params.temperature).toBe(0.7);
    expect(t.draft().params.top_p).toBeUndefined();
    expect(screen.queryByRole('button', { name: /Modified/ })).toBeNull();
  });

  it('loads, searches, renames, duplicates and deletes with undo', async () => {
    const api = createFakeApi({
      draft,
      presets: [
        preset('a', 'Creative', {
          params: { model: 'm2', prompt: 'saved prompt', stream: false, seed: 3 },
          includesPrompt: true,
        }),
        preset('b', 'Exact'),
      ],
    });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'Presets' }));
    const list = await screen.findByRole('list', { name: 'Presets' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));

    await t.user.type(screen.getByRole('searchbox', { name: 'Search presets' }), 'exa');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Exact']);
    await t.user.clear(screen.getByRole('searchbox', { name: 'Search presets' }));

    await t.user.click(screen.getByRole('button', { name: 'Rename Exact' }));
    const input = screen.getByRole('textbox', { name: 'New name for Exact' });
    await t.user.clear(input);
    await t.user.type(input, 'Creative{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('exists already');
    await t.user.clear(input);
    await t.user.type(input, 'Precise{Enter}');
    await waitFor(() => expect(api.presets.get('b')?.name).toBe('Precise'));

    await t.user.click(screen.getByRole('button', { name: 'Duplicate Creative' }));
    await waitFor(() => expect([...api.presets.values()].map((p) => p.name)).toContain('Creative copy'));

    await t.user.click(screen.getByRole('button', { name: 'Delete Precise' }));
    await waitFor(() => expect(api.presets.has('b')).toBe(false));
    await t.user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(api.presets.get('b')?.name).toBe('Precise'));

    await t.user.click(screen.getByRole('button', { name: 'Load Creative' }));
    expect(t.draft()).toEqual({
      params: { model: 'm2', prompt: 'saved prompt', stream: false, seed: 3 },
      presetId: 'a',
    });
  });

  it('diffs two presets and renders imported-looking text as text', async () => {
    const evil = preset('x', '<img src=x onerror="alert(1)">', { description: '<script>bad()</script>' });
    const api = createFakeApi({
      draft,
      presets: [
        evil,
        preset('y', 'Other', { params: { model: 'fake-model', prompt: '', stream: true, n: 2 } }),
      ],
    });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'Presets' }));
    const list = await screen.findByRole('list', { name: 'Presets' });
    await within(list).findByText('<img src=x onerror="alert(1)">');
    expect(within(list).getByText('<script>bad()</script>')).toBeInTheDocument();
    expect(document.querySelector('img, script')).toBeNull();
    await t.user.selectOptions(screen.getByRole('combobox', { name: 'First preset' }), 'x');
    await t.user.selectOptions(screen.getByRole('combobox', { name: 'Second preset' }), 'y');
    const table = screen.getByRole('table', { name: /Differences between/ });
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent)
        .slice(1),
    ).toEqual(['Temperature (unset)0.7not set', 'N (set)not set2']);
  });

  it('shows why a save, rename or delete failed and keeps the list as saved', async () => {
    const api = createFakeApi({ draft, presets: [preset('a', 'Kept')] });
    const full = 'ENOSPC: no space left on device';
    api.savePreset = () => Promise.resolve(fail('storage', `Could not save the preset: ${full}`));
    api.deletePreset = () => Promise.resolve(fail('storage', `Could not delete the preset: ${full}`));
    const t = await renderFeatures(api);

    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    const dialog = screen.getByRole('dialog', { name: 'Save preset' });
    await t.user.type(within(dialog).getByLabelText('Preset name'), 'Lost');
    await t.user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(`Could not save the preset: ${full}`);
    expect(t.draft().presetId).toBeUndefined();
    await t.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await t.user.click(screen.getByRole('button', { name: 'Presets' }));
    const list = await screen.findByRole('list', { name: 'Presets' });
    await within(list).findByText('Kept');
    await t.user.click(screen.getByRole('button', { name: 'Rename Kept' }));
    const input = screen.getByRole('textbox', { name: 'New name for Kept' });
    await t.user.clear(input);
    await t.user.type(input, 'Renamed{Enter}');
    expect(await within(list).findByRole('alert')).toHaveTextContent(`Could not save the preset: ${full}`);
    await t.user.click(screen.getByRole('button', { name: 'Delete Kept' }));
    expect(await screen.findByText(`Could not delete the preset: ${full}`)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Kept']);
  });

  it('shows hidden and direction-changing characters in names and models', async () => {
    const spoof = preset('s', 'invoice\u202Efdp.exe', {
      params: { model: 'gpt\u200B4', prompt: '', stream: true },
    });
    const t = await renderFeatures(createFakeApi({ draft, presets: [spoof, preset('b', 'Plain')] }));
    await t.user.click(screen.getByRole('button', { name: 'Presets' }));
    const list = await screen.findByRole('list', { name: 'Presets' });
    const item = await within(list).findByRole('listitem', { name: 'invoice⟨U+202E⟩fdp.exe' });
    expect(within(item).getByText('invoice⟨U+202E⟩fdp.exe')).toBeVisible();
    expect(within(item).getByText('gpt⟨U+200B⟩4')).toBeVisible();
    expect(within(item).getByRole('button', { name: 'Load invoice⟨U+202E⟩fdp.exe' })).toBeVisible();
    const picker = screen.getByRole('combobox', { name: 'First preset' });
    expect(within(picker).getByRole('option', { name: 'invoice⟨U+202E⟩fdp.exe' })).toBeInTheDocument();
  });
});
