import { SCALE_BINS } from './token-scale';

/** The colour scale, named so screen readers and tests can find it. */
export function TokenLegend() {
  return (
    <ul className="tok-legend" aria-label="Probability colours">
      {SCALE_BINS.map((bin) => (
        <li key={bin.className}>
          <span className={`tok-swatch ${bin.className}`} aria-hidden="true" />
          {bin.label}
        </li>
      ))}
      <li>
        <span className="tok-swatch tok-none" aria-hidden="true" />
        no probability
      </li>
    </ul>
  );
}
