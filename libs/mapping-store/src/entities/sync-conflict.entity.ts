import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { GroupLinkEntity } from './group-link.entity.js';

/** Both sides of a two-way link changed since its last sync (see migration ScheduledReconciliation). */
@Entity({ name: 'sync_conflicts' })
@Index('uq_sync_conflicts_open', ['groupLinkId'], { unique: true, where: `"resolved_at" IS NULL` })
@Check('ck_sync_conflicts_winner', `"winner" IS NULL OR "winner" IN ('feishu', 'wecom')`)
export class SyncConflictEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sync_conflicts' })
  id!: string;

  @Column({ name: 'group_link_id', type: 'uuid' })
  groupLinkId!: string;

  @ManyToOne(() => GroupLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_link_id', foreignKeyConstraintName: 'fk_sync_conflicts_group_link' })
  groupLink?: Relation<GroupLinkEntity>;

  /** Each side's content hash when the conflict was found. */
  @Column({ name: 'feishu_hash', type: 'text', nullable: true })
  feishuHash!: string | null;

  @Column({ name: 'wecom_hash', type: 'text', nullable: true })
  wecomHash!: string | null;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt!: Date;

  @Column({ name: 'detected_by_run_id', type: 'uuid', nullable: true })
  detectedByRunId!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  winner!: string | null;

  @Column({ name: 'resolution_run_id', type: 'uuid', nullable: true })
  resolutionRunId!: string | null;
}
