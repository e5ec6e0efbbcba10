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
  UpdateDateColumn,
} from 'typeorm';
import { GroupLinkEntity } from './group-link.entity.js';

@Entity({ name: 'shift_links' })
@Unique('uq_shift_links_feishu_shift', ['groupLinkId', 'feishuShiftId'])
@Unique('uq_shift_links_wecom_item', ['groupLinkId', 'wecomKind', 'wecomKey'])
@Index('ix_shift_links_feishu_shift_id', ['feishuShiftId'])
@Check('ck_shift_links_wecom_kind', `"wecom_kind" IN ('schedule', 'checkintime')`)
export class ShiftLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shift_links' })
  id!: string;

  @Column({ name: 'group_link_id', type: 'uuid' })
  groupLinkId!: string;

  @ManyToOne(() => GroupLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_link_id', foreignKeyConstraintName: 'fk_shift_links_group_link' })
  groupLink?: Relation<GroupLinkEntity>;

  @Column({ name: 'feishu_shift_id', type: 'text', nullable: true })
  feishuShiftId!: string | null;

  @Column({ name: 'feishu_shift_name', type: 'text', nullable: true })
  feishuShiftName!: string | null;

  @Column({ name: 'wecom_kind', type: 'text' })
  wecomKind!: string;

  @Column({ name: 'wecom_key', type: 'text' })
  wecomKey!: string;

  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
