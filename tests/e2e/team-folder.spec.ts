/**
 * The team folder end to end, in Chromium through web mode: a folder path typed in Settings, then preset files
 * dropped into it by "a colleague" (this test, on disk) appear in the Presets dialog's Team section while it is open,
 * with their file names, and load into the editor; a moved preset is written there without the key.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_API_KEY, expect, test } from './fixtures';
import { setup } from './ui-helpers';

const presetFile = (name: string, temperature: number) =>
  `${JSON.stringify(
    {
      format: 'r9s-playground/preset',
      version: 1,
      presets: [
        {
          name,
          description: 'shared by a colleague',
          params: { model: 'team-model', prompt: '', stream: true, temperature },
          includesPrompt: false,
        },
      ],
    },
    null,
    2,
  )}\n`;

test('a preset file dropped into the team folder appears in the Team section and loads', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'r9s-e2e-team-'));
  try {
    await setup(page, 'Write a haiku', 'fake-model');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).focus();
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const team = settings.getByRole('region', { name: 'Team folder' });
    await team.getByLabel('Folder path').fill(join(folder, 'missing'));
    await team.getByRole('button', { name: 'Use this folder' }).click();
    await expect(team.getByRole('alert')).toContainText('there is no such folder');
    await team.getByLabel('Folder path').fill(folder);
    await team.getByRole('button', { name: 'Use this folder' }).click();
    await expect(team.getByRole('status')).toContainText(`Using ${folder}: 0 presets`);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Presets', exact: true }).click();
    const list = page.getByRole('list', { name: 'Team presets' });
    await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(0);

    writeFileSync(join(folder, 'haiku-tuning.preset.json'), presetFile('Haiku tuning', 0.35));
    const item = list.getByRole('listitem', { name: 'Haiku tuning' });
    // Within 2 s of the file landing, with the dialog left open.
    await expect(item).toBeVisible({ timeout: 2500 });
    await expect(item).toContainText('haiku-tuning.preset.json');

    writeFileSync(join(folder, 'broken.preset.json'), '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n');
    await expect(list.getByRole('listitem', { name: 'broken.preset.json' })).toContainText('merge conflict', {
      timeout: 2500,
    });

    await item.getByRole('button', { name: 'Load Haiku tuning' }).click();
    await expect(page.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('team-model');
    await expect(page.getByRole('spinbutton', { name: 'Temperature value', exact: true })).toHaveValue(
      '0.35',
    );

    // Moving my own preset to the team writes one more file, with no key in it.
    await page.getByRole('button', { name: 'Save preset', exact: true }).click();
    const save = page.getByRole('dialog', { name: 'Save preset' });
    await save.getByRole('radio', { name: 'A new preset' }).check();
    await save.getByLabel('Preset name').fill('Mine to share');
    await save.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Presets', exact: true }).click();
    await page.getByRole('button', { name: 'Move Mine to share to the team folder' }).click();
    await page
      .getByRole('dialog', { name: 'Move to the team folder' })
      .getByRole('button', { name: 'Move' })
      .click();
    await expect(list.getByRole('listitem', { name: 'Mine to share' })).toContainText(
      'mine-to-share.preset.json',
    );
    expect(readdirSync(folder).sort()).toEqual([
      'broken.preset.json',
      'haiku-tuning.preset.json',
      'mine-to-share.preset.json',
    ]);
    expect(readFileSync(join(folder, 'mine-to-share.preset.json'), 'utf8')).not.toContain(E2E_API_KEY);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
