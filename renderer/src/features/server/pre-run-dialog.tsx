import { useState } from 'react';
import { withoutRejected } from '../../../../shared/capability-rejections';
import type { Draft } from '../../../../shared/schemas';
import { useServerActions } from '../../state/server-store';
import { Modal } from '../../ui/modal';
import type { PreRunQuestion } from '../../state/pre-run';

/**
 * Asks before a run the server is known to refuse ("llama-server rejects n > 1 — run with n = 1 / send anyway /
 * cancel") or that cannot fit the context. The answer to a rejection can be remembered for the profile.
 */
export function PreRunDialog({
  question,
  onRun,
  onClose,
}: {
  question: PreRunQuestion;
  onRun: (draft: Draft) => void;
  onClose: () => void;
}) {
  const server = useServerActions();
  const [isRemembered, setIsRemembered] = useState(false);
  const { rejections, overflow, draft, profileId } = question;
  const answer = (choice: 'drop' | 'send') => {
    if (isRemembered)
      void server.remember(
        profileId,
        rejections.map((r) => r.param),
        choice,
      );
    onRun(choice === 'drop' ? { ...draft, params: withoutRejected(draft.params, rejections) } : draft);
  };
  const fixLabel =
    rejections.length === 1
      ? rejections[0]!.fixLabel
      : `Run without ${rejections.map((r) => r.param).join(', ')}`;
  return (
    <Modal title="Before this run" onClose={onClose}>
      {rejections.map((r) => (
        <p key={r.param} className="pre-run-rejection">
          <strong>{r.headline}</strong> — {r.detail}
        </p>
      ))}
      {overflow ? (
        <p className="pre-run-overflow" role="alert">
          This run cannot fit: the prompt ({overflow.promptTokens} tokens, {overflow.label}) plus max_tokens
          needs {overflow.needed} tokens, and the context length is {overflow.contextLength}.
        </p>
      ) : null}
      {rejections.length > 0 ? (
        <label className="check-line">
          <input type="checkbox" checked={isRemembered} onChange={(e) => setIsRemembered(e.target.checked)} />
          Remember for this profile
        </label>
      ) : null}
      <div className="form-actions">
        {rejections.length > 0 ? (
          <button type="button" className="button button-primary" onClick={() => answer('drop')}>
            {fixLabel}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => answer('send')}>
          {rejections.length > 0 ? 'Send anyway' : 'Run anyway'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
