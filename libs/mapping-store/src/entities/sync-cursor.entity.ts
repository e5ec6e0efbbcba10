import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'sync_cursors' })
@Check('ck_sync_cursors_direction', `"direction" IN ('feishu_to_wecom', 'wecom_to_feishu')`)
@Check('ck_sync_cursors_scope', `"scope" IN ('rules', 'rosters', 'punches')`)
export class SyncCursorEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sync_cursors' })
  scope!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sync_cursors' })
  direction!: string;

  /** Narrows a stream (one group, one user …); empty for the whole stream. */
  @PrimaryColumn({ name: 'partition_key', type: 'text', default: '', primaryKeyConstraintName: 'pk_sync_cursors' })
  partitionKey!: string;

  @Column({ type: 'jsonb' })
  position!: unknown;

  /** Bumped on every move, so two writers cannot both advance from the same position. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
