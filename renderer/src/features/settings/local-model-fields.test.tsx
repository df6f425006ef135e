// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-support/fake-api';
import { addFakeLocalEngine } from '../../test-support/fake-local-engine';
import { renderWithApi } from '../../test-support/render-with-api';
import { LocalRunLoad } from '../output/local-run-load';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

const PROBLEM =
  'Local models are unavailable: the node-llama-cpp package could not be imported (Cannot find package). ' +
  'Reinstall the app (in a source checkout: npm ci), which brings it with its prebuilt llama.cpp binaries; server profiles work meanwhile.';

describe('the local profile editor', () => {
  it('says "Checking the local engine…" while the check runs, then that llama.cpp is ready', async () => {
    const fake = createFakeApi();
    const engine = addFakeLocalEngine(fake, { holdCheck: true });
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByText('Checking the local engine…')).toBeVisible();
    engine.answerCheck({ available: true, gpu: false, canPickFile: false });
    expect(await screen.findByText('llama.cpp is ready (CPU).')).toBeVisible();
    expect(screen.queryByText('Checking the local engine…')).toBeNull();
    // Web mode: no file picker, the path is typed.
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull();
    expect(screen.getByLabelText('Model file')).toHaveValue('/models/tiny.gguf');
  });

  it('an engine that cannot run shows what failed and how to fix it, and Load model is off', async () => {
    const fake = createFakeApi();
    addFakeLocalEngine(fake, {
      check: { available: false, gpu: false, problem: PROBLEM, canPickFile: false },
    });
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByText(PROBLEM)).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('button', { name: 'Load model' })).toBeDisabled();
    // The rest of Settings still works: the HTTP profiles are listed and open.
    await userEvent.click(screen.getByRole('button', { name: /^Remote/ }));
    expect(await screen.findByLabelText('Base URL')).toHaveValue('https://api.r9s.ai');
  });

  it('Load model shows a progress bar that follows the load, and Cancel cancels it', async () => {
    const fake = createFakeApi();
    const engine = addFakeLocalEngine(fake);
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByText(/^Not loaded: it loads on the first run/)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Load model' }));
    const bar = await screen.findByRole('progressbar', { name: 'Loading the model' });
    expect(bar).toHaveAttribute('value', '0');
    expect(screen.getByRole('button', { name: 'Load model' })).toBeDisabled();
    engine.progress(0.4);
    await waitFor(() => expect(bar).toHaveAttribute('value', '0.4'));
    expect(screen.getByText('Loading the model… 40%')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(engine.calls).toContain('cancel');
    expect(await screen.findByText('Loading was cancelled.')).toBeVisible();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('a finished load reads "Model loaded" and the page stops asking', async () => {
    const fake = createFakeApi();
    const engine = addFakeLocalEngine(fake);
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Load model' }));
    await screen.findByRole('progressbar', { name: 'Loading the model' });
    engine.status = { state: 'loaded', progress: 1 };
    expect(await screen.findByText('Model loaded: runs start at once.')).toBeVisible();
    const asked = engine.calls.filter((c) => c === 'status').length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(engine.calls.filter((c) => c === 'status').length).toBe(asked);
  });

  it('on the desktop, Choose… fills the model file with the picked path', async () => {
    const fake = createFakeApi();
    const engine = addFakeLocalEngine(fake, {
      check: { available: true, gpu: 'vulkan', canPickFile: true },
      pickedFile: '/home/me/models/qwen.gguf',
    });
    await renderWithApi(<SettingsDialog onClose={() => undefined} />, fake);
    expect(await screen.findByText('llama.cpp is ready (GPU: vulkan).')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    expect(engine.calls).toContain('choose');
    expect(screen.getByLabelText('Model file')).toHaveValue('/home/me/models/qwen.gguf');
  });
});

/** A run that starts when the button is pressed. */
function RunHarness() {
  const [isRunActive, setIsRunActive] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsRunActive(true)}>
        Start the run
      </button>
      <LocalRunLoad isRunActive={isRunActive} />
    </>
  );
}

describe('a run waiting for its local model', () => {
  it('shows the load with Cancel above the output while the run is active', async () => {
    const fake = createFakeApi();
    const engine = addFakeLocalEngine(fake);
    engine.status = { state: 'loading', progress: 0.5 };
    await renderWithApi(<RunHarness />, fake);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(engine.calls).not.toContain('status');
    await userEvent.click(screen.getByRole('button', { name: 'Start the run' }));
    expect(await screen.findByRole('progressbar', { name: 'Loading the model' })).toHaveAttribute(
      'value',
      '0.5',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(engine.calls).toContain('cancel');
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });
});
