import { DepartmentMappingEntity } from './department-mapping.entity.js';
import { EventReceiptEntity } from './event-receipt.entity.js';
import { GroupLinkEntity } from './group-link.entity.js';
import { PunchRecordMappingEntity } from './punch-record-mapping.entity.js';
import { ShiftLinkEntity } from './shift-link.entity.js';
import { SyncConflictEntity } from './sync-conflict.entity.js';
import { SyncCursorEntity } from './sync-cursor.entity.js';
import { SyncRunItemEntity } from './sync-run-item.entity.js';
import { SyncRunEntity } from './sync-run.entity.js';
import { UserMappingEntity } from './user-mapping.entity.js';

export {
  DepartmentMappingEntity,
  EventReceiptEntity,
  GroupLinkEntity,
  PunchRecordMappingEntity,
  ShiftLinkEntity,
  SyncConflictEntity,
  SyncCursorEntity,
  SyncRunEntity,
  SyncRunItemEntity,
  UserMappingEntity,
};

export const MAPPING_STORE_ENTITIES = [
  GroupLinkEntity,
  ShiftLinkEntity,
  UserMappingEntity,
  DepartmentMappingEntity,
  PunchRecordMappingEntity,
  SyncRunEntity,
  SyncRunItemEntity,
  SyncCursorEntity,
  SyncConflictEntity,
  EventReceiptEntity,
];
