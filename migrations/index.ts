import { CreateMappingStore1795260000000 } from './1795260000000-create-mapping-store.js';
import { RunWorkersAndLeases1795400000000 } from './1795400000000-run-workers-and-leases.js';
import { ScheduledReconciliation1795500000000 } from './1795500000000-scheduled-reconciliation.js';
import { EventReceipts1795600000000 } from './1795600000000-event-receipts.js';
import { PunchWriteIntents1795700000000 } from './1795700000000-punch-write-intents.js';
import { RunQueueOnPgBoss1795800000000 } from './1795800000000-run-queue-on-pg-boss.js';
import { LinkErrorKinds1795900000000 } from './1795900000000-link-error-kinds.js';
import { VendorNeutralLinks1796100000000 } from './1796100000000-vendor-neutral-links.js';
import { RunItemNotes1796200000000 } from './1796200000000-run-item-notes.js';
import { NameConflicts1796300000000 } from './1796300000000-name-conflicts.js';
import { IdentityMatches1796400000000 } from './1796400000000-identity-matches.js';
import { LinkWrittenSide1796500000000 } from './1796500000000-link-written-side.js';
import { MatchReasonCodes1796600000000 } from './1796600000000-match-reason-codes.js';
import { OpenLinkVendors1796700000000 } from './1796700000000-open-link-vendors.js';
import { ConflictSideHashes1796800000000 } from './1796800000000-conflict-side-hashes.js';
import { ShiftLinkSides1796900000000 } from './1796900000000-shift-link-sides.js';

/** Every migration, oldest first. Once merged a migration is never edited: add a new one. */
export const MIGRATIONS = [
  CreateMappingStore1795260000000,
  RunWorkersAndLeases1795400000000,
  ScheduledReconciliation1795500000000,
  EventReceipts1795600000000,
  PunchWriteIntents1795700000000,
  RunQueueOnPgBoss1795800000000,
  LinkErrorKinds1795900000000,
  VendorNeutralLinks1796100000000,
  RunItemNotes1796200000000,
  NameConflicts1796300000000,
  IdentityMatches1796400000000,
  LinkWrittenSide1796500000000,
  MatchReasonCodes1796600000000,
  OpenLinkVendors1796700000000,
  ConflictSideHashes1796800000000,
  ShiftLinkSides1796900000000,
];
