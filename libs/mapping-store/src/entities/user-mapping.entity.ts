import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'user_mappings' })
@Unique('uq_user_mappings_wecom_user_id', ['wecomUserId'])
export class UserMappingEntity {
  @PrimaryColumn({ name: 'feishu_user_id', type: 'text', primaryKeyConstraintName: 'pk_user_mappings' })
  feishuUserId!: string;

  @Column({ name: 'wecom_user_id', type: 'text' })
  wecomUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
