import { useId, useState, type KeyboardEvent } from 'react';
import type { StopRow } from '../../../../shared/param-kinds';
import type { SpecOf } from '../../../../shared/params';
import { ParamRow } from './param-row';
import { describeWhitespace, visibleWhitespace } from './visible-whitespace';

/** Props of the stop-sequence editor. */
interface StopChipsProps {
  spec: SpecOf<StopRow>;
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
}

/** A stop sequence drawn with its whitespace visible (↵ newline, → tab, · space). */
export function VisibleText({ text }: { text: string }) {
  return (
    <>
      {visibleWhitespace(text).map((p, i) =>
        p.isSymbol ? (
          <span key={i} className="ws-symbol">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/**
 * Stop sequences as chips: Enter adds what was typed, Shift+Enter types a newline into it, Backspace in an empty
 * field removes the last chip. Whitespace is drawn visibly so a "\n" stop is not an invisible chip.
 */
export function StopChips({ spec, value, onChange }: StopChipsProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | undefined>();
  const list = value ?? [];
  const isFull = list.length >= spec.maxItems;

  const add = () => {
    if (text === '') return;
    if (isFull) return setNote(`At most ${spec.maxItems} stop sequences.`);
    if (list.includes(text)) return setNote('That sequence is already in the list.');
    setNote(undefined);
    onChange([...list, text]);
    setText('');
  };
  const remove = (index: number) => {
    const next = list.filter((_, i) => i !== index);
    setNote(undefined);
    onChange(next.length > 0 ? next : value === undefined ? undefined : []);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && text === '' && list.length > 0) {
      remove(list.length - 1);
    }
  };

  return (
    <ParamRow
      spec={spec}
      controlId={id}
      isSet={value !== undefined}
      onSet={() => onChange([])}
      onUnset={() => {
        setNote(undefined);
        onChange(undefined);
      }}
      note={note}
    >
      {list.length > 0 ? (
        <ul className="chips" aria-label="Stop sequence list">
          {list.map((s, i) => (
            <li key={`${i}:${s}`} className="chip" title={JSON.stringify(s)}>
              <span className="chip-text">
                <VisibleText text={s} />
              </span>
              <button type="button" className="chip-remove" onClick={() => remove(i)}>
                <span aria-hidden="true">×</span>
                <span className="sr-only">Remove sequence {describeWhitespace(s)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <textarea
        id={id}
        className="text-input chip-input"
        rows={1}
        value={text}
        maxLength={spec.maxItemLength}
        placeholder={
          isFull ? `${spec.maxItems} of ${spec.maxItems} used` : 'Enter adds · Shift+Enter: newline'
        }
        title={`${spec.help} At most ${spec.maxItems}; Enter adds, Shift+Enter types a newline.`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {text !== '' ? (
        <p className="param-preview" aria-hidden="true">
          Adds:{' '}
          <span className="chip chip-preview">
            <VisibleText text={text} />
          </span>
        </p>
      ) : null}
    </ParamRow>
  );
}
