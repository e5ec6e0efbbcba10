import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { SyncRunEntity } from './sync-run.entity.js';

@Entity({ name: 'punch_record_mappings' })
@Unique('uq_punch_record_mappings_source', ['sourceVendor', 'sourceKey'])
@Unique('uq_punch_record_mappings_target', ['sourceVendor', 'targetKey'])
@Index('ix_punch_record_mappings_user_time', ['sourceVendor', 'userKey', 'punchedAt'])
@Check('ck_punch_record_mappings_source_vendor', `"source_vendor" IN ('feishu', 'wecom')`)
@Check('ck_punch_record_mappings_state', `"state" IN ('pending', 'done')`)
export class PunchRecordMappingEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_punch_record_mappings',
  })
  id!: string;

  @Column({ name: 'source_vendor', type: 'text' })
  sourceVendor!: string;

  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column({ name: 'target_key', type: 'text', nullable: true })
  targetKey!: string | null;

  /** pending: recorded before a write whose outcome is not known yet (no idempotency key on that side). */
  @Column({ type: 'text', default: 'done' })
  state!: string;

  @Column({ name: 'user_key', type: 'text' })
  userKey!: string;

  @Column({ name: 'punched_at', type: 'timestamptz' })
  punchedAt!: Date;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId!: string | null;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_punch_record_mappings_run' })
  run?: Relation<SyncRunEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
