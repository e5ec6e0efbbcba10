import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { SYNC_ERROR_KINDS } from '@app/kernel';

@Entity({ name: 'group_links' })
@Unique('uq_group_links_feishu_group_id', ['feishuGroupId'])
@Unique('uq_group_links_wecom_rule_id', ['wecomRuleId'])
@Check('ck_group_links_has_a_side', `"feishu_group_id" IS NOT NULL OR "wecom_rule_id" IS NOT NULL`)
@Check('ck_group_links_direction', `"direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way')`)
@Check(
  'ck_group_links_status',
  `"status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing', 'unlinked')`,
)
@Check(
  'ck_group_links_last_error_kind',
  `"last_error_kind" IS NULL OR "last_error_kind" IN (${SYNC_ERROR_KINDS.map((kind) => `'${kind}'`).join(', ')})`,
)
export class GroupLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_group_links' })
  id!: string;

  @Column({ name: 'feishu_group_id', type: 'text', nullable: true })
  feishuGroupId!: string | null;

  @Column({ name: 'feishu_group_name', type: 'text', nullable: true })
  feishuGroupName!: string | null;

  @Column({ name: 'wecom_rule_id', type: 'text', nullable: true })
  wecomRuleId!: string | null;

  @Column({ name: 'wecom_rule_name', type: 'text', nullable: true })
  wecomRuleName!: string | null;

  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ name: 'feishu_hash', type: 'text', nullable: true })
  feishuHash!: string | null;

  @Column({ name: 'wecom_hash', type: 'text', nullable: true })
  wecomHash!: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Why the last sync failed, as a kind of SYNC_ERROR_KINDS (see LinkErrorKinds). */
  @Column({ name: 'last_error_kind', type: 'text', nullable: true })
  lastErrorKind!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
