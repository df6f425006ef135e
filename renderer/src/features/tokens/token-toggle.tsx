/** The switch between an output's plain text and its token view: a button with a pressed state. */
export function TokenToggle({
  isPressed,
  onToggle,
  name,
}: {
  isPressed: boolean;
  onToggle: () => void;
  /** The output it switches, for a tooltip that says which ("Completion 2"). */
  name: string;
}) {
  return (
    <button
      type="button"
      className={isPressed ? 'button button-small tok-toggle is-pressed' : 'button button-small tok-toggle'}
      aria-pressed={isPressed}
      onClick={onToggle}
      title={`Show ${name} token by token, coloured by probability`}
    >
      Token probabilities
    </button>
  );
}

/** What an output says when it asked for probabilities and the server sent none. */
export function MissingTokensNote() {
  return (
    <p className="tok-missing" role="note">
      Logprobs was set, but this server returned no token probabilities.
    </p>
  );
}
