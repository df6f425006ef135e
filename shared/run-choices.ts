/**
 * The answers a user asked the app to remember for the pre-run question ("this server rejects n > 1 — run with
 * n = 1 / send anyway"), per profile and parameter. Kept in main's settings so they outlive a web-mode launch (whose
 * page origin changes with its port) as they do the desktop app; never in presets, exports or share codes.
 */
import { z } from 'zod';
import { CHECKED_PARAMS } from './capabilities';

/** Drop the rejected parameter from the run, or send it anyway. */
export const rejectionChoiceSchema = z.enum(['drop', 'send']);

/** One profile's remembered answers, by parameter. */
export const profileRunChoicesSchema = z.partialRecord(z.enum(CHECKED_PARAMS), rejectionChoiceSchema);

/** What the user chose for a known rejection. */
export type RejectionChoice = z.infer<typeof rejectionChoiceSchema>;

/** One profile's remembered answers. */
export type ProfileRunChoices = z.infer<typeof profileRunChoicesSchema>;

/** Remembered answers by profile id. */
export type RunChoices = Record<string, ProfileRunChoices>;
