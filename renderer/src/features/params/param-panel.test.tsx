// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { ParamPanel } from './param-panel';

afterEach(cleanup);

const setup = async () => {
  const user = userEvent.setup();
  const view = await renderWithApi(<ParamPanel />, createFakeApi());
  return { user, ...view };
};

describe('parameter panel', () => {
  it('shows the not-set state of an optional parameter, and Set / Unset it', async () => {
    const { user, draft } = await setup();
    const row = screen.getByRole('spinbutton', { name: 'Best of' }).closest('.param') as HTMLElement;
    expect(within(row).getByText('not set')).toBeVisible();
    expect(screen.getByRole('spinbutton', { name: 'Best of' })).toHaveValue(null);
    await user.click(screen.getByRole('button', { name: 'Set Best of' }));
    expect(screen.getByRole('spinbutton', { name: 'Best of' })).toHaveValue(1);
    expect(draft().params.best_of).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Unset Best of' }));
    expect(within(row).getByText('not set')).toBeVisible();
    expect('best_of' in draft().params && draft().params.best_of !== undefined).toBe(false);
  });

  it('clamps a typed value and says so', async () => {
    const { user, draft } = await setup();
    const input = screen.getByRole('spinbutton', { name: 'Temperature value' });
    await user.clear(input);
    await user.type(input, '5{Enter}');
    expect(draft().params.temperature).toBe(2);
    expect(screen.getByText('5 was clamped to 2 (allowed: 0 to 2).')).toBeVisible();
    expect(input).toHaveValue(2);
  });

  it('commits a slider on release, not on every movement, while its number follows the thumb', async () => {
    const { draft } = await setup();
    const slider = screen.getByRole('slider', { name: 'Temperature' });
    const number = screen.getByRole('spinbutton', { name: 'Temperature value' });
    fireEvent.change(slider, { target: { value: '0.4' } });
    expect(number).toHaveValue(0.4);
    fireEvent.change(slider, { target: { value: '0.37' } });
    expect(number).toHaveValue(0.37);
    expect(draft().params.temperature).toBe(1);
    fireEvent.pointerUp(slider);
    expect(draft().params.temperature).toBe(0.37);
    expect(number).toHaveValue(0.37);

    // An unset parameter shows its value while dragging and is set only on release.
    const topP = screen.getByRole('slider', { name: 'Top P' });
    fireEvent.change(topP, { target: { value: '0.9' } });
    expect(screen.getByRole('spinbutton', { name: 'Top P value' })).toHaveValue(0.9);
    expect(draft().params.top_p).toBeUndefined();
    fireEvent.keyUp(topP, { key: 'ArrowLeft' });
    expect(draft().params.top_p).toBe(0.9);
  });

  it('adds stop sequences on Enter and draws a newline visibly', async () => {
    const { user, draft } = await setup();
    const input = screen.getByRole('textbox', { name: 'Stop sequences' });
    await user.type(input, 'a{Shift>}{Enter}{/Shift}b{Enter}');
    expect(draft().params.stop).toEqual(['a\nb']);
    const chip = screen.getByRole('button', { name: 'Remove sequence a↵b' }).closest('li') as HTMLElement;
    expect(chip).toHaveTextContent('a↵b');
    expect(input).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Remove sequence a↵b' }));
    expect(draft().params.stop).toEqual([]);
  });

  it('validates logit bias rows and sends only valid ones', async () => {
    const { user, draft } = await setup();
    await user.click(screen.getByRole('button', { name: 'Set Logit bias' }));
    const group = screen.getByRole('group', { name: 'Logit bias' });
    await user.type(within(group).getByRole('textbox', { name: 'Token id 1' }), 'abc');
    expect(within(group).getByRole('alert')).toHaveTextContent('Token id must be a whole number');
    expect(draft().params.logit_bias).toEqual({});
    await user.clear(within(group).getByRole('textbox', { name: 'Token id 1' }));
    await user.type(within(group).getByRole('textbox', { name: 'Token id 1' }), '50256');
    const bias = within(group).getByRole('spinbutton', { name: 'Bias 1' });
    await user.clear(bias);
    await user.type(bias, '150');
    expect(within(group).getByRole('alert')).toHaveTextContent('Bias must be between −100 and 100.');
    await user.clear(bias);
    await user.type(bias, '-100');
    expect(within(group).queryByRole('alert')).toBeNull();
    expect(draft().params.logit_bias).toEqual({ '50256': -100 });
  });

  it('validates the extra body: JSON errors inline, reserved keys refused, valid JSON applied', async () => {
    const { user, draft } = await setup();
    const editor = screen.getByRole('textbox', { name: 'Extra body' });
    await user.click(editor);
    await user.paste('{"top_k": ');
    expect(screen.getByText(/^Not valid JSON/)).toBeVisible();
    await user.clear(editor);
    await user.paste('{"a": {"constructor": 1}}');
    expect(
      screen.getByText('The key “a.constructor” is not allowed (reserved name). Not applied.'),
    ).toBeVisible();
    expect(draft().extraBody).toBeUndefined();
    await user.clear(editor);
    await user.paste('{"top_k": 40, "temperature": 0}');
    expect(draft().extraBody).toEqual({ top_k: 40, temperature: 0 });
    expect(screen.getByText('Overrides: temperature (merged last).')).toBeVisible();
  });

  it('explains best of below n', async () => {
    const { user } = await setup();
    await user.type(screen.getByRole('spinbutton', { name: 'N' }), '3{Enter}');
    await user.type(screen.getByRole('spinbutton', { name: 'Best of' }), '2{Enter}');
    expect(screen.getByText(/Best of \(2\) must be at least N \(3\)/)).toBeVisible();
  });

  it('draws a parameter from its table row alone (logprobs: not set, Set, clamped, sent, Unset)', async () => {
    const { user, draft } = await setup();
    const input = screen.getByRole('spinbutton', { name: 'Logprobs' });
    const row = input.closest('.param') as HTMLElement;
    expect(within(row).getByText('not set')).toBeVisible();
    expect(within(row).getByText('Logprobs', { selector: 'label' })).toHaveAttribute(
      'title',
      expect.stringContaining('r9s request schema'),
    );
    expect(input).toHaveAttribute('min', '0');
    expect(input).toHaveAttribute('max', '20');
    expect(draft().params.logprobs).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Set Logprobs' }));
    expect(draft().params.logprobs).toBe(1);
    await user.clear(input);
    await user.type(input, '25{Enter}');
    expect(draft().params.logprobs).toBe(20);
    expect(screen.getByText('25 was clamped to 20 (allowed: 0 to 20).')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Unset Logprobs' }));
    expect(draft().params.logprobs).toBeUndefined();
  });

  it('toggles echo from not set to on', async () => {
    const { user, draft } = await setup();
    await user.click(screen.getByRole('switch', { name: 'Echo' }));
    expect(draft().params.echo).toBe(true);
  });
});
