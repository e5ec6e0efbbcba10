import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SyncRunEntity } from './sync-run.entity.js';

/** A vendor event (webhook) the gateway has received, by the vendor's event id (see migration EventReceipts). */
@Entity({ name: 'event_receipts' })
@Index('ix_event_receipts_received_at', ['receivedAt'])
@Check('ck_event_receipts_source_vendor', `"source_vendor" IN ('feishu', 'wecom')`)
export class EventReceiptEntity {
  @PrimaryColumn({ name: 'source_vendor', type: 'text', primaryKeyConstraintName: 'pk_event_receipts' })
  sourceVendor!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'pk_event_receipts' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** The run this event queued, if any. */
  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId!: string | null;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_event_receipts_run' })
  run?: Relation<SyncRunEntity>;
}
