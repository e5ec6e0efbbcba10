import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { SyncRunEntity } from './sync-run.entity.js';

/** Append-only: the migration installs a trigger that refuses UPDATE. */
@Entity({ name: 'sync_run_items' })
@Unique('uq_sync_run_items_source', ['runId', 'sourceId'])
@Check('ck_sync_run_items_action', `"action" IN ('created', 'updated', 'unchanged', 'skipped', 'failed')`)
export class SyncRunItemEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_sync_run_items',
  })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_sync_run_items_run' })
  run?: Relation<SyncRunEntity>;

  @Column({ name: 'source_id', type: 'text' })
  sourceId!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  losses!: unknown[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** For dry runs: the exact vendor payload the run would have sent. */
  @Column({ type: 'jsonb', nullable: true })
  plan!: unknown;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
