/** Toolbar buttons and panels of the presets / compare / share / history features (filled in by that work). */
export function FeatureToolbar() {
  return null;
}
