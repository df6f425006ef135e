import type { ParamStatus } from '../../../../shared/capabilities';

/** The word of each status, on badges and in the report. */
export const STATUS_TEXT: Record<ParamStatus, string> = {
  honoured: 'honoured',
  ignored: 'ignored',
  rejected: 'rejected',
  'not-checked': 'not checked',
};
