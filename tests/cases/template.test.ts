import { describe, expect, it } from 'vitest';
import {
  escapeTemplateText,
  fillTemplate,
  isVariableName,
  MAX_VARIABLE_NAME,
  parseTemplate,
  variablesOf,
} from '../../shared/template';

describe('variablesOf', () => {
  it('finds each variable once, in order of first use, with whitespace inside the braces trimmed', () => {
    expect(variablesOf('Translate {{text}} into {{ language }}; again: {{text}}')).toEqual([
      'text',
      'language',
    ]);
    expect(variablesOf('{{\tmulti\n }}')).toEqual(['multi']);
  });

  it('accepts letters of any script, digits, _, - and . in names', () => {
    expect(variablesOf('{{a_b}} {{a-b}} {{a.b}} {{x1}} {{名前}} {{Ünïcode}}')).toEqual([
      'a_b',
      'a-b',
      'a.b',
      'x1',
      '名前',
      'Ünïcode',
    ]);
  });

  it('leaves text that is not a valid slot alone', () => {
    expect(variablesOf('{{}} {{ }} {{two words}} {{a+b}} {single} {{unclosed')).toEqual([]);
    expect(variablesOf('json: {"a": {"b": 1}}')).toEqual([]);
  });

  it('treats \\{{ as a literal {{', () => {
    expect(variablesOf('\\{{name}} and {{real}}')).toEqual(['real']);
    expect(fillTemplate('\\{{name}} and {{real}}', { real: 'R' })).toEqual({
      ok: true,
      text: '{{name}} and R',
    });
  });

  it('finds the slot inside triple braces', () => {
    expect(fillTemplate('{{{x}}}', { x: 'v' })).toEqual({ ok: true, text: '{v}' });
  });

  it('never makes a variable of a reserved or overlong name', () => {
    expect(variablesOf('{{__proto__}} {{constructor}} {{prototype}} {{expected}} {{notes}}')).toEqual([]);
    expect(isVariableName('a'.repeat(MAX_VARIABLE_NAME))).toBe(true);
    expect(isVariableName('a'.repeat(MAX_VARIABLE_NAME + 1))).toBe(false);
    expect(variablesOf(`{{${'a'.repeat(MAX_VARIABLE_NAME + 1)}}}`)).toEqual([]);
  });

  it('stays linear on hostile input (a megabyte of open braces with one close at the end)', () => {
    const hostile = `${'{{'.repeat(500_000)}x}}`;
    const started = performance.now();
    expect(variablesOf(hostile)).toEqual(['x']);
    expect(variablesOf('{{ '.repeat(300_000))).toEqual([]);
    expect(variablesOf(`${'{{a '.repeat(300_000)}}}`)).toEqual(['a']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('parseTemplate', () => {
  it('reports slot offsets for highlighting', () => {
    const prompt = 'Hi {{ name }}!';
    expect(parseTemplate(prompt)).toEqual([
      { type: 'text', text: 'Hi ' },
      { type: 'variable', name: 'name', start: 3, end: 13 },
      { type: 'text', text: '!' },
    ]);
    expect(prompt.slice(3, 13)).toBe('{{ name }}');
  });
});

describe('fillTemplate', () => {
  it('fills every slot, including repeated ones', () => {
    expect(fillTemplate('{{a}}-{{ b }}-{{a}}', { a: '1', b: '2' })).toEqual({ ok: true, text: '1-2-1' });
  });

  it('names every missing variable once and blocks the run', () => {
    const r = fillTemplate('{{a}} {{b}} {{c}} {{a}}', { b: 'x' });
    expect(r).toEqual({
      ok: false,
      missing: ['a', 'c'],
      message: 'Fill in the variables "a" and "c" to run this prompt.',
    });
    const one = fillTemplate('{{topic}}', {});
    expect(one.ok ? '' : one.message).toBe('Fill in the variable "topic" to run this prompt.');
  });

  it('takes an empty string as a value but not undefined', () => {
    expect(fillTemplate('[{{a}}]', { a: '' })).toEqual({ ok: true, text: '[]' });
    expect(fillTemplate('[{{a}}]', { a: undefined }).ok).toBe(false);
  });

  it('does not read values from the object prototype', () => {
    const r = fillTemplate('{{toString}} {{hasOwnProperty}}', {});
    expect(r.ok ? [] : r.missing).toEqual(['toString', 'hasOwnProperty']);
  });

  it('does not re-read a value that holds a slot', () => {
    expect(fillTemplate('{{a}}', { a: '{{b}}', b: 'no' })).toEqual({ ok: true, text: '{{b}}' });
  });

  it('passes a prompt without variables through unchanged, escapes applied', () => {
    expect(fillTemplate('plain text', {})).toEqual({ ok: true, text: 'plain text' });
    expect(fillTemplate('', {})).toEqual({ ok: true, text: '' });
    expect(fillTemplate('a \\{{b}} c', {})).toEqual({ ok: true, text: 'a {{b}} c' });
  });
});

describe('escapeTemplateText', () => {
  it('round-trips literal text through parseTemplate', () => {
    for (const text of ['{{a}}', '\\{{a}}', 'x {{ y }} z {{', '{{{{', 'no braces', '\\']) {
      expect(fillTemplate(escapeTemplateText(text), {})).toEqual({ ok: true, text });
    }
  });
});
