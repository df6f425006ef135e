// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createPresetFile, parsePresetFile, serializePresetFile } from '../../../../shared/preset-format';
import { createFakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';
import { draftFromPreset } from '../presets/use-presets';

afterEach(cleanup);

const draft = {
  params: { model: 'fake-model', prompt: 'About {{topic}}', stream: true },
  variables: { topic: 'tides' },
};

describe('variable values in a preset', () => {
  it('are kept only when asked, travel in the preset file, and come back on load', async () => {
    const t = await renderFeatures(createFakeApi({ draft }));
    await waitFor(() => expect(t.draft().params.prompt).toBe('About {{topic}}'));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    let dialog = screen.getByRole('dialog', { name: 'Save preset' });
    await t.user.type(within(dialog).getByLabelText('Preset name'), 'Without');
    await t.user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    dialog = screen.getByRole('dialog', { name: 'Save preset' });
    await t.user.click(within(dialog).getByRole('radio', { name: 'A new preset' }));
    await t.user.type(within(dialog).getByLabelText('Preset name'), 'With');
    await t.user.click(within(dialog).getByRole('checkbox', { name: 'Include the variable values' }));
    await t.user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const byName = new Map([...t.api.presets.values()].map((p) => [p.name, p]));
    expect(byName.get('Without')).not.toHaveProperty('variables');
    const withValues = byName.get('With')!;
    expect(withValues.variables).toEqual({ topic: 'tides' });

    const file = parsePresetFile(serializePresetFile(createPresetFile([withValues])));
    expect(file.ok && file.value.presets[0]?.variables).toEqual({ topic: 'tides' });
    expect(draftFromPreset(withValues, 'Other {{topic}}').variables).toEqual({ topic: 'tides' });
  });
});
