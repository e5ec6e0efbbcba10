import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'department_mappings' })
@Unique('uq_department_mappings_wecom_party_id', ['wecomPartyId'])
export class DepartmentMappingEntity {
  @PrimaryColumn({ name: 'feishu_department_id', type: 'text', primaryKeyConstraintName: 'pk_department_mappings' })
  feishuDepartmentId!: string;

  @Column({ name: 'wecom_party_id', type: 'text' })
  wecomPartyId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
