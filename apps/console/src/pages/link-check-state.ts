// What a link check found, read from its dry run's item (no browser APIs: unit-tested under Node).
import type { components } from '../api/schema';

type RunItem = components['schemas']['RunItemDto'];

/** What a check found, in the order HR reads them. */
export const CHECK_STATES = ['in_sync', 'drifted', 'source_changed', 'would_create', 'failing', 'skipped'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** The note code the gateway sets when a one-way sync overwrites (a dry run: would overwrite) a drifted target. */
export const DRIFT_NOTE_CODE: NonNullable<components['schemas']['NoteDto']['code']> = 'target_drift_overwritten';

/** The checked state of a dry run's item for the link's source. */
export function checkStateOf(item: RunItem): CheckState {
  switch (item.action) {
    case 'unchanged':
      return 'in_sync';
    case 'updated':
      return item.notes.some((note) => note.code === DRIFT_NOTE_CODE) ? 'drifted' : 'source_changed';
    case 'created':
      return 'would_create';
    case 'failed':
      return 'failing';
    case 'skipped':
      return 'skipped';
  }
}
