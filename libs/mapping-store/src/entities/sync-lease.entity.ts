import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An expiring named lock (see migration RunWorkersAndLeases): who holds `resource`, until when. */
@Entity({ name: 'sync_leases' })
export class SyncLeaseEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sync_leases' })
  resource!: string;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'acquired_at', type: 'timestamptz', default: () => 'now()' })
  acquiredAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
