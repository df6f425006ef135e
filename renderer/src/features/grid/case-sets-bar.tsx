import { useEffect, useState } from 'react';
import type { PlaygroundApi } from '../../../../shared/api';
import { caseSetSchema, type CaseTable } from '../../../../shared/cases/case-set';
import type { StoredCaseSet } from '../../../../shared/cases/stored-case-set';
import { describeIssues } from '../../../../shared/api-schemas';

/** Props of the case-set controls. */
interface CaseSetsBarProps {
  /** The set name being typed (shared with "Export with presets"). */
  name: string;
  onName: (name: string) => void;
  api: Pick<PlaygroundApi, 'listCaseSets' | 'saveCaseSet' | 'deleteCaseSet'>;
  table: CaseTable;
  onLoad: (table: CaseTable) => void;
  onStatus: (message: string) => void;
  onError: (message: string | undefined) => void;
}

const newSetId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 24);

/**
 * Named case sets kept with the user's data: save the table under a name (the same name updates that set), load one
 * (it replaces the table), delete one. A set is reported saved only once the store wrote it.
 */
export function CaseSetsBar({
  name,
  onName: setName,
  api,
  table,
  onLoad,
  onStatus,
  onError,
}: CaseSetsBarProps) {
  const [sets, setSets] = useState<StoredCaseSet[]>([]);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    let isLive = true;
    void api.listCaseSets().then((res) => {
      if (isLive && res.ok) setSets(res.value);
    });
    return () => {
      isLive = false;
    };
  }, [api]);

  const save = async () => {
    const parsed = caseSetSchema.safeParse({ name: name.trim(), ...table });
    if (!parsed.success) return onError(`Case set: ${describeIssues(parsed.error).message}`);
    const existing = sets.find((s) => s.set.name === parsed.data.name);
    const stored: StoredCaseSet = { id: existing?.id ?? newSetId(), updatedAt: Date.now(), set: parsed.data };
    const res = await api.saveCaseSet(stored);
    if (!res.ok) return onError(`The case set was not saved: ${res.error.message}`);
    setSets((list) => (existing ? list.map((s) => (s.id === stored.id ? stored : s)) : [...list, stored]));
    setChosen(stored.id);
    onError(undefined);
    onStatus(`Case set "${stored.set.name}" saved (${stored.set.rows.length} cases).`);
  };
  const load = () => {
    const found = sets.find((s) => s.id === chosen);
    if (!found) return;
    onLoad({ variables: found.set.variables, rows: found.set.rows });
    setName(found.set.name);
    onStatus(`Case set "${found.set.name}" loaded.`);
  };
  const remove = async () => {
    const res = await api.deleteCaseSet(chosen);
    if (!res.ok) return onError(`The case set was not deleted: ${res.error.message}`);
    setSets((list) => list.filter((s) => s.id !== chosen));
    setChosen('');
    onStatus(`Case set "${res.value.set.name}" deleted.`);
  };

  return (
    <span className="case-sets">
      <input
        className="text-input"
        aria-label="Case set name"
        placeholder="Case set name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="button" className="button" disabled={name.trim() === ''} onClick={() => void save()}>
        Save set
      </button>
      <select
        className="text-input"
        aria-label="Case sets"
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="">Saved sets…</option>
        {sets.map((s) => (
          <option key={s.id} value={s.id}>
            {s.set.name}
          </option>
        ))}
      </select>
      <button type="button" className="button" disabled={chosen === ''} onClick={load}>
        Load set
      </button>
      <button type="button" className="button" disabled={chosen === ''} onClick={() => void remove()}>
        Delete set
      </button>
    </span>
  );
}
