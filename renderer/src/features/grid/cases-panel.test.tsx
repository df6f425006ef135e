// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createPresetFileWithCases, serializePresetFile } from '../../../../shared/preset-format';
import { createFakeApi, type FakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';

afterEach(cleanup);

const draft = { params: { model: 'fake-model', prompt: 'About {{topic}}', stream: true } };

const openCompare = async (api: FakeApi) => {
  const t = await renderFeatures(api);
  await waitFor(() => expect(t.draft().params.prompt).toBe(draft.params.prompt));
  await t.user.click(screen.getByRole('button', { name: 'Compare' }));
  return t;
};
const rows = () =>
  within(screen.getByRole('table', { name: 'Test cases' }))
    .getAllByRole('row')
    .slice(1);

describe('the test cases panel', () => {
  it('saves the table as a named set, written before it says so, and loads it back', async () => {
    const api = createFakeApi({ draft });
    const t = await openCompare(api);
    await t.user.click(screen.getByRole('button', { name: 'Add case' }));
    await t.user.type(screen.getByRole('textbox', { name: 'topic of case-1' }), 'tides');
    await t.user.click(screen.getByRole('button', { name: 'Duplicate case-1' }));
    expect(rows()).toHaveLength(2);
    await t.user.type(screen.getByRole('textbox', { name: 'Case set name' }), 'Sea');
    await t.user.click(screen.getByRole('button', { name: 'Save set' }));
    expect(await screen.findByText('Case set "Sea" saved (2 cases).')).toBeVisible();
    const [stored] = [...api.caseSets.values()];
    expect(stored?.set).toMatchObject({ name: 'Sea', variables: ['topic'] });
    expect(stored?.set.rows.map((r) => r.values['topic'])).toEqual(['tides', 'tides']);

    await t.user.click(screen.getByRole('button', { name: 'Delete case-1' }));
    await t.user.click(screen.getByRole('button', { name: 'Delete case-2' }));
    expect(rows()).toHaveLength(0);
    await t.user.selectOptions(screen.getByRole('combobox', { name: 'Case sets' }), 'Sea');
    await t.user.click(screen.getByRole('button', { name: 'Load set' }));
    expect(rows()).toHaveLength(2);
  });

  it('imports the case sets of a preset file, and refuses a bad CSV naming its line with nothing added', async () => {
    const api = createFakeApi({ draft });
    const t = await openCompare(api);
    const input = screen.getByLabelText('Cases file');
    const bad = new File(['topic,notes\nok,fine\nextra,field,here\n'], 'cases.csv', { type: 'text/csv' });
    await t.user.upload(input, bad);
    expect(await screen.findByRole('alert')).toHaveTextContent('cases.csv: line 3');
    expect(rows()).toHaveLength(0);

    const shared = serializePresetFile(
      createPresetFileWithCases(
        [
          {
            id: 'x',
            name: 'P',
            description: '',
            params: draft.params,
            includesPrompt: false,
            createdAt: 1,
            updatedAt: 1,
          },
        ],
        [{ name: 'Set', variables: ['topic'], rows: [{ id: 'a', values: { topic: 'owls' } }] }],
      ),
    );
    await t.user.upload(input, new File([shared], 'team.json', { type: 'application/json' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole('textbox', { name: 'topic of case-1' })).toHaveValue('owls');
  });
});
