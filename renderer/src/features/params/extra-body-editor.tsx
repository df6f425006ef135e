import { useEffect, useId, useState } from 'react';
import { extraBodyText, parseExtraBody } from './extra-body';

/** Props of the extra-body editor. */
interface ExtraBodyEditorProps {
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown> | undefined) => void;
  /** Told whenever the text turns invalid (its reason) or valid again (undefined), and undefined on unmount. */
  onValidity?: (error: string | undefined) => void;
}

/**
 * JSON for server-specific fields (llama.cpp's `top_k`, vLLM's `min_p` …), merged last into the request body.
 * Valid JSON is applied as typed; invalid JSON is explained inline and reported through `onValidity`, so a run
 * waits for it instead of sending the last valid body the user no longer sees.
 */
export function ExtraBodyEditor({ value, onChange, onValidity }: ExtraBodyEditorProps) {
  const id = useId();
  const [text, setText] = useState(() => extraBodyText(value));
  const [applied, setApplied] = useState(value);
  // A draft replaced from outside (a preset) brings its own extra body (state adjusted while rendering).
  if (value !== applied) {
    setApplied(value);
    setText(extraBodyText(value));
  }
  const parsed = parseExtraBody(text);
  const error = parsed.ok ? undefined : parsed.error;
  useEffect(() => onValidity?.(error), [error, onValidity]);
  useEffect(() => () => onValidity?.(undefined), [onValidity]);

  const edit = (next: string) => {
    setText(next);
    const result = parseExtraBody(next);
    if (!result.ok) return;
    setApplied(result.value);
    onChange(result.value);
  };

  return (
    <div className="param" data-param="extra_body">
      <div className="param-head">
        <label
          htmlFor={id}
          title="JSON object merged last into the request body, for server-specific fields."
        >
          Extra body
        </label>
        {value === undefined ? <span className="badge badge-muted">none</span> : null}
      </div>
      <textarea
        id={id}
        className="code-input"
        rows={3}
        spellCheck={false}
        value={text}
        placeholder={'{ "top_k": 40 }'}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-status`}
        onChange={(e) => edit(e.target.value)}
      />
      <p
        id={`${id}-status`}
        className={`param-note ${parsed.ok ? 'param-note-info' : 'param-note-warn'}`}
        role="status"
      >
        {parsed.ok
          ? parsed.overrides.length > 0
            ? `Overrides: ${parsed.overrides.join(', ')} (merged last).`
            : value
              ? 'Merged last into the request body.'
              : ''
          : `${parsed.error} Not applied.`}
      </p>
    </div>
  );
}
