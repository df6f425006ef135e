import { useId, useState } from 'react';
import { priceTableSchema, type PriceTable } from '../../../../shared/cost';
import { useServerActions, useServerSelector } from '../../state/server-store';

const parsePrice = (text: string): number | undefined => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * A profile's price table, per model: input and output price per 1M tokens, in a currency the user names. It lives in
 * settings only (never in presets, exports or share codes); a change shows as saved only once main has written it.
 */
export function PriceTableEditor({ profileId, model }: { profileId: string; model: string }) {
  const server = useServerActions();
  const table = useServerSelector((s) => s.prices[profileId]);
  const current = model && table && Object.hasOwn(table.models, model) ? table.models[model] : undefined;
  const [currency, setCurrency] = useState(table?.currency ?? 'USD');
  const [input, setInput] = useState(current ? String(current.inputPerMillion) : '');
  const [output, setOutput] = useState(current ? String(current.outputPerMillion) : '');
  const [message, setMessage] = useState<{ text: string; isError: boolean }>();
  const id = useId();

  const save = async (next: PriceTable | null) => {
    const res = await server.setPrices(profileId, next);
    setMessage(
      res.ok ? { text: 'Prices saved.', isError: false } : { text: res.error.message, isError: true },
    );
  };
  const onSave = () => {
    const inputPerMillion = parsePrice(input);
    const outputPerMillion = parsePrice(output);
    if (!model.trim()) return setMessage({ text: 'Enter the model these prices are for.', isError: true });
    if (inputPerMillion === undefined || outputPerMillion === undefined)
      return setMessage({ text: 'Prices are numbers of 0 or more.', isError: true });
    const candidate = {
      currency: currency.trim(),
      models: { ...table?.models, [model.trim()]: { inputPerMillion, outputPerMillion } },
    };
    const parsed = priceTableSchema.safeParse(candidate);
    if (!parsed.success)
      return setMessage({ text: parsed.error.issues[0]?.message ?? 'invalid prices', isError: true });
    void save(parsed.data);
  };
  const remove = (name: string) => {
    if (!table) return;
    const { [name]: _gone, ...models } = table.models;
    void save(Object.keys(models).length > 0 ? { ...table, models } : null);
  };

  return (
    <fieldset className="form-group price-table">
      <legend>Prices (kept in settings only)</legend>
      <div className="price-fields">
        <label htmlFor={`${id}-cur`}>Currency</label>
        <input id={`${id}-cur`} value={currency} onChange={(e) => setCurrency(e.target.value)} size={6} />
        <label htmlFor={`${id}-in`}>Input price per 1M tokens</label>
        <input
          id={`${id}-in`}
          inputMode="decimal"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          size={8}
        />
        <label htmlFor={`${id}-out`}>Output price per 1M tokens</label>
        <input
          id={`${id}-out`}
          inputMode="decimal"
          value={output}
          onChange={(e) => setOutput(e.target.value)}
          size={8}
        />
        <button type="button" className="button button-small" onClick={onSave}>
          Save prices
        </button>
      </div>
      {message ? (
        <p className={message.isError ? 'form-message is-error' : 'form-message'} role="status">
          {message.text}
        </p>
      ) : null}
      {table ? (
        <ul className="priced-models">
          {Object.entries(table.models).map(([name, p]) => (
            <li key={name}>
              {name}: {p.inputPerMillion} in / {p.outputPerMillion} out {table.currency} per 1M tokens{' '}
              <button type="button" className="link-button" onClick={() => remove(name)}>
                Remove <span className="sr-only">the prices of {name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
